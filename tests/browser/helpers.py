"""Keyboard, layout and accessibility checks shared by the browser tests."""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# Enough for the header, the language switcher, the map's tiles and the form's fields.
MAX_TABS = 120


def focused_matches(page, selector):
    return page.evaluate(
        "selector => !!document.activeElement && document.activeElement.matches(selector)",
        selector,
    )


def tab_to(page, selector, backwards=False):
    """Press Tab (or Shift+Tab) until the element matching ``selector`` has focus, as a
    keyboard user would; fails when it is never reached."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if focused_matches(page, selector):
            return
    raise AssertionError(f"{selector!r} never got focus after {MAX_TABS} presses of {key}")


def has_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def is_uncovered_in_viewport(page, selector):
    """The element's top-left corner is on screen and not hidden under another element (a
    sticky header, say)."""
    return page.evaluate(
        """selector => {
            const element = document.querySelector(selector);
            const box = element.getBoundingClientRect();
            if (box.top < 0 || box.top >= window.innerHeight || box.left < 0) return false;
            const hit = document.elementFromPoint(box.left + 4, box.top + 4);
            return !!hit && (element === hit || element.contains(hit));
        }""",
        selector,
    )


def outside_viewport(page, selector):
    """Descriptions of the elements matching ``selector`` that reach past the window's edges
    (cut off, or only reachable by scrolling sideways)."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
            .filter(el => el.getClientRects().length)
            .map(el => [el, el.getBoundingClientRect()])
            .filter(([, box]) => box.left < 0 || box.right > window.innerWidth + 0.5)
            .map(([el, box]) => `${el.textContent.trim()} (${box.left}-${box.right})`)""",
        selector,
    )


def visible_texts(page, selector):
    return page.locator(selector).evaluate_all(
        "els => els.filter(el => el.getClientRects().length).map(el => el.textContent.trim())"
    )


def axe_violations(page):
    """axe-core's WCAG 2.2 A/AA violations on the page (the `browser` extra's axe)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe(violations):
    """Violations as lines a person can act on: rule, impact, help, and where."""
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"      {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"      at {' '.join(node['target'])}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"         {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"      ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)
