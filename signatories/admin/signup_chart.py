"""The dashboard's sign-up panel: the numbers of signup_stats drawn as inline SVG on the
server (no chart library, no script), with the same numbers in a table for screen readers and
anyone who wants them exact."""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component

from .signup_stats import signup_stats

WIDTH, HEIGHT = 600, 200
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 24
# Told apart by dash pattern as well as colour (WCAG 1.4.1: not by colour alone).
STYLES = {
    "requested": {"colour": "#2e1f5e", "dash": ""},
    "confirmed": {"colour": "#0f7a87", "dash": "6 4"},
    "approved": {"colour": "#b7410e", "dash": "2 3"},
}
BAR_ROW, BAR_LABEL, BAR_MAX = 22, 170, 360
TOP_HEADINGS = 10


def nice_ceiling(value):
    """The smallest of 1, 2, 5, 10, 20, 50... at or above ``value``: round axis labels."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


@dataclass(frozen=True)
class Line:
    label: str
    total: int
    points: str
    colour: str
    dash: str


def chart_geometry(stats):
    top = nice_ceiling(max((max(s.counts) for s in stats.series), default=0) or 1)
    inner_width, inner_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_width / (len(stats.days) - 1)

    def y(value):
        return round(TOP + inner_height * (1 - value / top), 1)

    lines = [
        Line(
            label=str(series.label),
            total=series.total,
            points=" ".join(
                f"{round(LEFT + i * step, 1)},{y(count)}" for i, count in enumerate(series.counts)
            ),
            colour=STYLES[series.key]["colour"],
            dash=STYLES[series.key]["dash"],
        )
        for series in stats.series
    ]
    gridlines = [{"y": y(value), "label": value} for value in sorted({0, top // 2, top})]
    last = len(stats.days) - 1
    ticks = [
        {"x": round(LEFT + i * step, 1), "day": stats.days[i], "anchor": anchor}
        for i, anchor in ((0, "start"), (last // 2, "middle"), (last, "end"))
    ]
    return {"lines": lines, "gridlines": gridlines, "ticks": ticks, "left": LEFT}


def heading_bars(stats):
    shown = stats.by_heading[:TOP_HEADINGS]
    most = max((count for _, count in shown), default=1)
    return [
        {
            "label": label,
            "count": count,
            "y": i * BAR_ROW,
            "width": max(1, round(BAR_MAX * count / most)),
        }
        for i, (label, count) in enumerate(shown)
    ]


class SignupsPanel(Component):
    """Dashboard panel: sign-ups per day over 30 days and published signatories by heading."""

    name = "signups_at_a_glance"
    order = 60
    template_name = "signatories/admin/signups_panel.html"

    def get_context_data(self, parent_context=None):
        stats = signup_stats()
        bars = heading_bars(stats)
        return {
            "stats": stats,
            "chart": chart_geometry(stats),
            "width": WIDTH,
            "height": HEIGHT,
            "bars": bars,
            "bars_height": max(len(bars), 1) * BAR_ROW,
            "bar_label_width": BAR_LABEL,
            "more_headings": len(stats.by_heading) > len(bars),
        }


def user_sees_signups(user):
    return user.has_perm("signatories.view_signatory") or user.has_perm(
        "signatories.view_joinrequest"
    )


def add_signups_panel(request, panels):
    if user_sees_signups(request.user):
        panels.append(SignupsPanel())
