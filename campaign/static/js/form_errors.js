// Move focus to a form's error summary when the page shows one, so a screen reader reads the
// errors first and a keyboard user can follow their links to the fields.
(function () {
    "use strict";
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
        summary.focus();
    }
})();
