"""What the map of who signed shows: counts per state, their shading classes, and the tiles.

Plain functions over a dict of counts, so everything but ``published_counts`` is tested
without a database. The counts come from the published list the list block shows, so a page
with both reads the list once.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from .choices import Level, State
from .grouping import SignatoryGroup
from .public_list import published_signatories
from .tile_grid import COLUMNS, ROWS, TERRITORY_ROW, TILES

NATIONAL = Level.NATIONAL.value

# SVG geometry, in viewBox units: equal squares with gaps wide enough for a focus ring. The
# map is drawn no smaller than one unit per CSS pixel (state_map.css), so a tile is a 44 px
# tap target even on a phone.
TILE = 44
GAP = 6
STEP = TILE + GAP
TERRITORY_OFFSET = 20  # sets the territories apart from the states above them
WIDTH = COLUMNS * STEP - GAP
HEIGHT = ROWS * STEP - GAP + TERRITORY_OFFSET
# Room around the tiles for the focus ring of a tile on the edge, which would be cut off.
RING_OFFSET = 4
RING_SIZE = TILE + 2 * RING_OFFSET
MARGIN = 8
VIEW_BOX = f"{-MARGIN} {-MARGIN} {WIDTH + 2 * MARGIN} {HEIGHT + 2 * MARGIN}"


@dataclass(frozen=True)
class Bucket:
    """A shading class: counts from ``low`` to ``high`` inclusive (``high`` None: no limit)."""

    low: int
    high: int | None

    def contains(self, count):
        return count >= self.low and (self.high is None or count <= self.high)

    @property
    def label(self):
        if self.high is None:
            return gettext("%(count)d or more") % {"count": self.low}
        if self.low == self.high:
            return str(self.low)
        return f"{self.low}–{self.high}"


# Fixed classes rather than quantiles: a state's shade changes only when its own count
# crosses a boundary, never because other states gained signatories, and the legend reads
# the same on every visit. The steps fit a list of a few hundred with most states in single
# digits (the seed: 1 state at 10+, 7 at 5–9, 11 at 2–4, 12 at 1).
BUCKETS = (Bucket(0, 0), Bucket(1, 1), Bucket(2, 4), Bucket(5, 9), Bucket(10, None))


def bucket_index(count):
    """Position in BUCKETS of the class ``count`` falls in."""
    return next(index for index, bucket in enumerate(BUCKETS) if bucket.contains(count))


def published_counts():
    """Published signatories per state code, and national ones under "national"."""
    return dict(
        Counter(
            NATIONAL if signatory.level == Level.NATIONAL else signatory.state
            for signatory in published_signatories()
        )
    )


def organizations_label(name, count):
    """The accessible name of a state: "California: 12 organizations"."""
    return ngettext(
        "%(state)s: %(count)d organization", "%(state)s: %(count)d organizations", count
    ) % {"state": name, "count": count}


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    count: int
    bucket: int
    x: int
    y: int
    href: str | None

    @property
    def label(self):
        return organizations_label(self.name, self.count)

    @property
    def center_x(self):
        return self.x + TILE // 2

    @property
    def ring_x(self):
        return self.x - RING_OFFSET

    @property
    def ring_y(self):
        return self.y - RING_OFFSET

    # The code in the upper half and the count under it, both always shown: a phone has no
    # hover to reveal a number.
    @property
    def code_y(self):
        return self.y + TILE * 5 // 16

    @property
    def count_y(self):
        return self.y + TILE * 23 // 32

    def svg(self):
        """The tile in the map's SVG: a link to its state in the list when it has one.

        Written here rather than in the block's template: Django's template engine took a
        few milliseconds over the 56 tiles, each a dozen values, on every first render after
        a change. The numbers are ints; the three strings are escaped."""
        label, code = escape(self.label), escape(self.code)
        classes = f"state-map__tile state-map__tile--b{self.bucket}"
        if self.href:
            opening = (
                f'<a class="{classes}" href="{escape(self.href)}" aria-label="{label}"'
                f' data-state="{code}">'
            )
        else:
            opening = f'<g class="{classes}" role="img" aria-label="{label}" data-state="{code}">'
        return mark_safe(  # noqa: S308 - built above from escaped strings and ints
            f"{opening}<title>{label}</title>"
            f'<rect class="state-map__ring" x="{self.ring_x}" y="{self.ring_y}"'
            f' width="{RING_SIZE}" height="{RING_SIZE}" rx="7"/>'
            f'<rect class="state-map__box" x="{self.x}" y="{self.y}"'
            f' width="{TILE}" height="{TILE}" rx="4"/>'
            f'<text class="state-map__code" x="{self.center_x}" y="{self.code_y}"'
            f' aria-hidden="true">{code}</text>'
            f'<text class="state-map__count" x="{self.center_x}" y="{self.count_y}"'
            f' aria-hidden="true">{int(self.count)}</text>'
            f"{'</a>' if self.href else '</g>'}"
        )


def tiles_svg(tiles):
    """Every tile's SVG, one a line."""
    return mark_safe("\n".join(tile.svg() for tile in tiles))  # noqa: S308 - each is safe


def state_anchor(code):
    """The id of the state's section in the signatory list (see grouping.SignatoryGroup)."""
    return SignatoryGroup(key=code, label="").anchor


def map_tiles(counts, list_url=""):
    """A tile per state and territory in reading order (row by row), linked when it has
    signatories to ``list_url`` plus the state's anchor; ``list_url`` None links none."""
    tiles = []
    for code, (row, column) in sorted(TILES.items(), key=lambda item: item[1]):
        count = counts.get(code, 0)
        y = row * STEP + (TERRITORY_OFFSET if row == TERRITORY_ROW else 0)
        linked = count and list_url is not None
        tiles.append(
            Tile(
                code=code,
                name=str(State(code).label),
                count=count,
                bucket=bucket_index(count),
                x=column * STEP,
                y=y,
                href=f"{list_url}#{state_anchor(code)}" if linked else None,
            )
        )
    return tiles


def table_rows(tiles):
    """The tiles in the list's order (alphabetical by name), for the data table."""
    rank = {code: position for position, code in enumerate(State.values)}
    return sorted(tiles, key=lambda tile: rank[tile.code])


def legend():
    return [{"index": index, "label": bucket.label} for index, bucket in enumerate(BUCKETS)]
