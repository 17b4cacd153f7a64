// The signatory list's filter box narrows the list as the visitor types, in the page itself:
// no request, so the stored page serves every search. It matches like signatories/list_filter.py
// does for ?q= without script: every word typed in the name or the group's heading, ignoring
// case, accents and punctuation. A page the server already filtered (?q=) is left as it is:
// the names it left out are not there to show again, so its form still asks the server.
(function () {
    "use strict";
    var form = document.querySelector("[data-list-filter]");
    var list = document.querySelector("[data-list-filter-groups]");
    var status = document.querySelector("[data-list-filter-status]");
    if (!form || !list || !status || list.hasAttribute("data-query")) return;
    var input = form.querySelector("input[name=q]");
    var WAIT_MS = 150;

    // names.name_key in JavaScript: accents off, case folded, separators to spaces, other
    // punctuation dropped, and a leading "the" ignored.
    function fold(text) {
        return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
            .replace(/[\s/_\-\u2010-\u2015\u2212]+/g, " ")
            .replace(/[^\p{L}\p{N} ]/gu, "")
            .trim().replace(/ +/g, " ")
            .replace(/^the /, "");
    }

    var navItems = {};
    document.querySelectorAll(".jump-nav [data-group]").forEach(function (item) {
        navItems[item.getAttribute("data-group")] = item;
    });
    var groups = Array.prototype.map.call(list.querySelectorAll(".signatory-group"), function (section) {
        var heading = section.querySelector("h2, h3");
        return {
            section: section,
            heading: fold(heading ? heading.textContent : ""),
            nav: navItems[section.id],
            members: Array.prototype.map.call(section.querySelectorAll("li"), function (item) {
                // The name only, as on the server: a note in brackets is not searched.
                var name = item.firstChild ? item.firstChild.textContent : "";
                return { item: item, key: fold(name) };
            })
        };
    });

    function show(element, visible) {
        if (element && element.hidden === visible) element.hidden = !visible;
    }

    function apply() {
        var words = fold(input.value).split(" ").filter(Boolean);
        var total = 0;
        groups.forEach(function (group) {
            var shown = 0;
            group.members.forEach(function (member) {
                var match = words.every(function (word) {
                    return group.heading.indexOf(word) !== -1 || member.key.indexOf(word) !== -1;
                });
                show(member.item, match);
                if (match) shown += 1;
            });
            show(group.section, shown > 0);
            show(group.nav, shown > 0);
            total += shown;
        });
        var message = "";
        if (words.length) {
            if (total === 0) message = status.getAttribute("data-none");
            else if (total === 1) message = status.getAttribute("data-one");
            else message = status.getAttribute("data-many").replace("{count}", total.toLocaleString());
        }
        if (status.textContent !== message) status.textContent = message;
    }

    var timer = null;
    input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(apply, WAIT_MS);
    });
    // Enter or the button: the list is already narrowed here, no need to ask the server.
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        clearTimeout(timer);
        apply();
    });
    if (input.value) apply(); // a value the browser restored on going back
}());
