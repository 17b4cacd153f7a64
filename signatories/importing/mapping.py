"""Which column of a file holds which signatory field, or is ignored.

A mapping is a list with one entry per column of the file, in order: a field name from
FIELDS, or IGNORE. It is guessed from the headings ("Organization name", "Org", "Website
URL", "State/Territory" ...), or taken from the last mapping the editor chose, by heading.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import ImportMapping

IGNORE = ""
FIELDS = {
    "name": gettext_lazy("Name"),
    "level": gettext_lazy("Level (national or state)"),
    "state": gettext_lazy("State"),
    "city": gettext_lazy("City"),
    "website": gettext_lazy("Website"),
    "note": gettext_lazy("Public note"),
    "published": gettext_lazy("Published (yes or no)"),
}
# Headings (as ``heading_key`` gives them) that mean a field.
SYNONYMS = {
    "name": {
        "name",
        "organization",
        "organisation",
        "organization name",
        "organisation name",
        "name of organization",
        "name of organisation",
        "org",
        "org name",
        "group",
        "group name",
        "signatory",
        "nombre",
        "organizacion",
        "nombre de la organizacion",
    },
    "level": {"level", "scope"},
    "state": {
        "state",
        "state code",
        "state territory",
        "state or territory",
        "us state",
        "estado",
        "location state",
    },
    "city": {"city", "town", "city town", "ciudad"},
    "website": {
        "website",
        "web site",
        "website url",
        "url",
        "web",
        "web address",
        "homepage",
        "home page",
        "site",
        "sitio web",
        "organization website",
    },
    "note": {"note", "public note", "notes"},
    "published": {"published", "live", "publish"},
}
# Words that, anywhere in a heading, make it this field: "Organization name (as listed)".
KEYWORDS = (
    ("website", {"website", "url", "homepage"}),
    ("state", {"state"}),
    ("city", {"city"}),
    ("name", {"organization", "organisation", "org"}),
)
# Words that make a column private or about something else: never guessed as a field.
PRIVATE_WORDS = {"email", "e-mail", "mail", "phone", "contact", "timestamp", "date", "person"}


def heading_key(heading):
    """A heading compared without case, accents of ASCII letters, punctuation or spacing."""
    text = str(heading or "").casefold()
    text = text.translate(str.maketrans("áéíóúñ", "aeioun"))
    return " ".join(re.sub(r"[^\w@-]+|_", " ", text).split())


def guess_field(heading):
    """The field a heading most likely means, or IGNORE."""
    key = heading_key(heading)
    for name, synonyms in SYNONYMS.items():
        if key in synonyms:
            return name
    words = set(key.split())
    if words & PRIVATE_WORDS:
        return IGNORE
    for name, keywords in KEYWORDS:
        if words & keywords:
            return name
    return IGNORE


def guess_mapping(headings, remembered=None):
    """One field (or IGNORE) per heading: the remembered choice for that heading if any,
    else a guess. A field guessed for two columns goes to the first; a remembered one wins."""
    remembered = remembered or {}
    mapping = [remembered.get(heading_key(heading)) for heading in headings]
    taken = {field for field in mapping if field}
    for index, heading in enumerate(headings):
        if mapping[index] is None:
            guess = guess_field(heading)
            mapping[index] = guess if guess not in taken else IGNORE
            taken.add(mapping[index])
    return [field if field in FIELDS else IGNORE for field in mapping]


def mapping_errors(mapping):
    """What makes ``mapping`` unusable, as sentences (empty when it is fine)."""
    errors = []
    chosen = [field for field in mapping if field]
    for field in dict.fromkeys(chosen):
        if chosen.count(field) > 1:
            errors.append(
                _("Only one column can hold the %(field)s.") % {"field": str(FIELDS[field])}
            )
    if "name" not in chosen:
        errors.append(_("Choose the column that holds each organization's name."))
    if not {"state", "level"} & set(chosen):
        errors.append(
            _("Choose the column that holds the state (a code, a state name or National).")
        )
    return errors


def ignored_headings(headings, mapping):
    """The headings of the columns the mapping ignores, blank ones as "column C"."""
    return [
        str(heading) or _("column %(letter)s") % {"letter": column_letter(index)}
        for index, (heading, field) in enumerate(zip(headings, mapping, strict=True))
        if not field
    ]


def column_letter(index):
    """A spreadsheet's letter for a 0-based column: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def parse_map_options(options, headings):
    """``--map "Heading=field"`` options as {heading key: field}; raises ValueError naming a
    heading the file lacks or a field that does not exist."""
    keys = {heading_key(heading) for heading in headings}
    chosen = {}
    for option in options:
        heading, separator, field = option.rpartition("=")
        field = field.strip().casefold()
        if field == "ignore":
            field = IGNORE
        if not separator or field not in (*FIELDS, IGNORE):
            raise ValueError(
                f"--map {option!r}: write HEADING=FIELD, FIELD one of "
                f"{', '.join(FIELDS)} or ignore."
            )
        if heading_key(heading) not in keys:
            raise ValueError(f"--map {option!r}: the file has no column {heading!r}.")
        chosen[heading_key(heading)] = field
    return chosen


def remembered_mapping(user):
    """{heading key: field} from the editor's last imports (empty for a first import)."""
    found = ImportMapping.objects.filter(user=user).values_list("columns", flat=True).first()
    return found or {}


def remember_mapping(user, headings, mapping):
    """Keep this file's choices for the next import, beside those for other headings."""
    chosen = {heading_key(heading): field for heading, field in zip(headings, mapping, strict=True)}
    chosen.pop("", None)  # a blank heading says nothing about the next file
    remembered, _created = ImportMapping.objects.get_or_create(user=user)
    remembered.columns = {**remembered.columns, **chosen}
    remembered.save(update_fields=["columns", "updated_at"])
