"""A ~400-row sign-up sheet as an online form exports it, with every mess editors meet, and what
the import must make of each row.

``messy_sheet()`` gives the rows (the headings first) and, by row number as the file shows it,
the expected outcome. Deterministic: the same rows every run. ``LISTED`` are the signatories
already on the list that some rows name again.
"""

import itertools
from dataclasses import dataclass

HEADINGS = [
    "Timestamp",
    "Organization name",
    "Contact email",
    "State/Territory",
    "City",
    "Website URL",
    "Public note",
    "How did you hear about us?",
]
IGNORED = ["Timestamp", "Contact email", "How did you hear about us?"]

# (name, state code or "" for National, city, website)
LISTED = [
    ("American Civil Liberties Union", "", "", ""),
    ("Casa Latina", "WA", "Seattle", ""),
    ("Asociación Campesina de Texas", "TX", "Pharr", "https://campesina.example.org"),
]

# Every spelling of a group the issue names, then AP style abbreviations, codes in any case,
# full names in English and Spanish: each -> the USPS code, "" for National.
STATE_SPELLINGS = {
    "Calif.": "CA",
    "Cali": "CA",
    "D.C.": "DC",
    "Washington DC": "DC",
    "Washington, D.C.": "DC",
    "N. Carolina": "NC",
    "N.Y.": "NY",
    "Mass.": "MA",
    "Penn.": "PA",
    "Pa.": "PA",
    "Wash. State": "WA",
    "Wash.": "WA",
    "National/Multi-state": "",
    "nationwide": "",
    "multi-state": "",
    "national": "",
    "National": "",
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Ark.": "AR",
    "Colo.": "CO",
    "Conn.": "CT",
    "Del.": "DE",
    "Fla.": "FL",
    "Ga.": "GA",
    "Ill.": "IL",
    "Ind.": "IN",
    "Kan.": "KS",
    "Ky.": "KY",
    "La.": "LA",
    "Md.": "MD",
    "Mich.": "MI",
    "Minn.": "MN",
    "Miss.": "MS",
    "Mo.": "MO",
    "Mont.": "MT",
    "Neb.": "NE",
    "Nev.": "NV",
    "N.H.": "NH",
    "N.J.": "NJ",
    "N.M.": "NM",
    "N.D.": "ND",
    "Okla.": "OK",
    "Ore.": "OR",
    "R.I.": "RI",
    "S.C.": "SC",
    "S.D.": "SD",
    "Tenn.": "TN",
    "Tex.": "TX",
    "Vt.": "VT",
    "Va.": "VA",
    "W.Va.": "WV",
    "Wis.": "WI",
    "Wyo.": "WY",
    "tx": "TX",
    "CA": "CA",
    "pr": "PR",
    "Gu": "GU",
    "  north dakota ": "ND",
    "District of Columbia": "DC",
    "Puerto Rico": "PR",
    "Nuevo México": "NM",
    "Carolina del Norte": "NC",
    "New York State": "NY",
    "Hawaiʻi": "HI",
}
# Written without a scheme, as people type them -> what the import stores.
SCHEMELESS = {
    "www.{slug}.org": "https://www.{slug}.org",
    "{slug}.org": "https://{slug}.org",
    "facebook.com/{slug}": "https://facebook.com/{slug}",
    "http://{slug}.org": "http://{slug}.org",
    "https://{slug}.org/about": "https://{slug}.org/about",
    "": "",
}
# Placeholders people type for a name -> what the refusal says.
JUNK_NAMES = {
    "N/A": "“N/A” is a placeholder",
    "NA": "“NA” is a placeholder",
    "none": "“none” is a placeholder",
    "test": "“test” is a placeholder",
    "Test": "“Test” is a placeholder",
    "n/a": "“n/a” is a placeholder",
    "-": "no letters or digits",
    "...": "no letters or digits",
    "—": "no letters or digits",
    "?!": "no letters or digits",
}
FORMULA_NAMES = ['=HYPERLINK("http://evil.example","Click")', "+1 Coalition", "@everyone", "=1+1"]
NOT_WEBSITES = ["javascript:alert(1)", "not a website", "localhost", "mailto:info@example.org"]
# Misspelled states -> the suggestion the editor must see; then ones with no suggestion.
MISSPELLED = {"Kalifornia": "California", "Texsa": "Texas", "Nort Carolina": "North Carolina"}
UNKNOWN = ["Atlantis", "Ontario", "ZZ"]
SPANISH_NAMES = [
    "Asociación de Trabajadores Agrícolas",
    "Coalición por la Justicia Migratoria",
    "Niños Primero",
    "Fundación Esperanza y Dignidad",
    "Mujeres Unidas de Peñasco",
    "Comité de Inquilinos Añil",
]
WORDS = ["Community", "Workers", "Families", "Neighbors", "Youth", "Faith", "Tenants", "Elders"]
KINDS = ["Alliance", "Coalition", "Network", "Project", "Center", "Union", "Council"]
CITIES = ["Springfield", "Riverside", "Fairview", "Greenville", "Salem", "Madison", "Clinton"]


@dataclass
class Expected:
    """What the import must do with a row: its action, and for a created row the group and
    website stored; for a skipped row, one text per problem that must be among its messages."""

    action: str  # "create", "update", "unchanged" or "skip"
    state: str = ""
    website: str = ""
    problems: tuple = ()


class Sheet:
    def __init__(self):
        self.rows = [HEADINGS]
        self.expected = {}
        self.timestamps = (f"2026-11-{day:02d} 0{hour}:15:00" for day, hour in self._clock())

    @staticmethod
    def _clock():
        return itertools.cycle((day, hour) for day in range(1, 29) for hour in range(10))

    def add(self, name, state, website="", city="", note="", expected=None):
        number = len(self.rows) + 1
        email = f"contact{number}@example.org"
        self.rows.append(
            [next(self.timestamps), name, email, state, city, website, note, "A friend"]
        )
        self.expected[number] = expected
        return number

    def blank(self):
        self.rows.append([""] * len(HEADINGS))


def messy_sheet():
    """(rows, {row number: Expected}); blank rows are in ``rows`` but not in the expectations."""
    sheet = Sheet()
    names = (
        f"{word} {kind} of {city}" for city, word, kind in itertools.product(CITIES, WORDS, KINDS)
    )
    spellings = itertools.cycle(STATE_SPELLINGS.items())
    websites = itertools.cycle(SCHEMELESS.items())
    # Good rows: every state spelling several times, websites with and without a scheme.
    for index in range(360):
        name = next(names)
        spelling, code = next(spellings)
        typed, stored = next(websites)
        slug = f"org{index}"
        sheet.add(
            name,
            spelling,
            typed.format(slug=slug),
            city=CITIES[index % len(CITIES)],
            expected=Expected("create", code, stored.format(slug=slug)),
        )
        if index % 60 == 0:
            sheet.blank()
    for index, name in enumerate(SPANISH_NAMES):
        sheet.add(name, "Nuevo México", f"www.espanol{index}.org", note="Miembro fundador",
                  expected=Expected("create", "NM", f"https://www.espanol{index}.org"))  # fmt: skip
    _add_listed_again(sheet)
    _add_refused(sheet)
    # A row the form saved with only its timestamp and email: a blank name, listed.
    sheet.add("", "", expected=Expected("skip", problems=("The name is blank.", "state is blank")))
    sheet.blank()
    sheet.blank()
    return sheet.rows, sheet.expected


def _add_listed_again(sheet):
    """Rows naming listed signatories (in other case and spacing) and earlier rows again."""
    sheet.add("american civil liberties union", "nationwide", expected=Expected("unchanged"))
    sheet.add("  CASA   LATINA ", "Wash.", "www.casalatina.org", expected=Expected("update"))
    sheet.add("Asociacion Campesina de Texas", "Tex.", expected=Expected("unchanged"))
    first = min(sheet.expected)
    again = sheet.rows[first - 1]
    sheet.add(f"The {again[1].upper()}", again[3],
              expected=Expected("skip", problems=(f"Duplicate of row {first}.",)))  # fmt: skip


def _add_refused(sheet):
    for index, (name, refusal) in enumerate(JUNK_NAMES.items()):
        sheet.add(name, "TX", f"junk{index}.org", expected=Expected("skip", problems=(refusal,)))
    for name in FORMULA_NAMES:
        sheet.add(name, "CA", expected=Expected("skip", problems=("as a formula",)))
    for index, website in enumerate(NOT_WEBSITES):
        refusal = f"“{website}” is not a web address"
        sheet.add(f"Website Trouble {index}", "OR", website,
                  expected=Expected("skip", problems=(refusal,)))  # fmt: skip
    for index, (typed, suggestion) in enumerate(MISSPELLED.items()):
        sheet.add(f"Misspelled State {index}", typed,
                  expected=Expected("skip", problems=(f"did you mean {suggestion}?",)))  # fmt: skip
    for index, typed in enumerate(UNKNOWN):
        sheet.add(f"Nowhere Org {index}", typed,
                  expected=Expected("skip", problems=(f"Unknown state “{typed}”.",)))  # fmt: skip
    # Everything wrong at once: each problem is listed, not only the first.
    everything = ("placeholder", "did you mean California?", "not a web address")
    sheet.add("N/A", "Kalifornia", "javascript:alert(1)",
              expected=Expected("skip", problems=everything))  # fmt: skip
    sheet.add("=cmd|' /C calc'!A0", "Atlantis", "not a site", expected=Expected(
        "skip", problems=("as a formula", "Unknown state", "not a web address")))  # fmt: skip
