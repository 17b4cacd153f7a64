// The share links' "Copy link" button: shown only where the browser can copy, and says
// whether it did in a status line screen readers announce. Nothing is loaded from elsewhere.
(function () {
    "use strict";
    if (!navigator.clipboard) {
        return;
    }
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
        var status = button.closest(".share").querySelector("[data-copy-status]");
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(button.dataset.copyLink).then(
                function () { status.textContent = button.dataset.copied; },
                function () { status.textContent = button.dataset.failed; }
            );
        });
    });
})();
