"""Where each state sits on the tile-grid map: one equal square per state.

The layout of the 50 states and DC is the one newsrooms use for US tile maps (NPR's "Let's
Tile the United States", 2015): 11 columns by 8 rows, every state the same size so small
eastern states stay visible and clickable. It is a layout, not geography, so it needs no
external data. The territories in ``signatories.choices.State`` get a ninth row: the Pacific
ones under Hawaii, Puerto Rico and the U.S. Virgin Islands under the East Coast.
"""

# (row, column) from the top left.
STATE_TILES = {
    "AK": (0, 0),
    "ME": (0, 10),
    "VT": (1, 9),
    "NH": (1, 10),
    "WA": (2, 0),
    "ID": (2, 1),
    "MT": (2, 2),
    "ND": (2, 3),
    "MN": (2, 4),
    "IL": (2, 5),
    "WI": (2, 6),
    "MI": (2, 7),
    "NY": (2, 8),
    "RI": (2, 9),
    "MA": (2, 10),
    "OR": (3, 0),
    "NV": (3, 1),
    "WY": (3, 2),
    "SD": (3, 3),
    "IA": (3, 4),
    "IN": (3, 5),
    "OH": (3, 6),
    "PA": (3, 7),
    "NJ": (3, 8),
    "CT": (3, 9),
    "CA": (4, 0),
    "UT": (4, 1),
    "CO": (4, 2),
    "NE": (4, 3),
    "MO": (4, 4),
    "KY": (4, 5),
    "WV": (4, 6),
    "VA": (4, 7),
    "MD": (4, 8),
    "DE": (4, 9),
    "AZ": (5, 1),
    "NM": (5, 2),
    "KS": (5, 3),
    "AR": (5, 4),
    "TN": (5, 5),
    "NC": (5, 6),
    "SC": (5, 7),
    "DC": (5, 8),
    "OK": (6, 3),
    "LA": (6, 4),
    "MS": (6, 5),
    "AL": (6, 6),
    "GA": (6, 7),
    "HI": (7, 0),
    "TX": (7, 3),
    "FL": (7, 8),
}

TERRITORY_ROW = 8
TERRITORY_TILES = {
    "GU": (TERRITORY_ROW, 0),
    "MP": (TERRITORY_ROW, 1),
    "AS": (TERRITORY_ROW, 2),
    "PR": (TERRITORY_ROW, 9),
    "VI": (TERRITORY_ROW, 10),
}

TILES = {**STATE_TILES, **TERRITORY_TILES}
ROWS = TERRITORY_ROW + 1
COLUMNS = 11
