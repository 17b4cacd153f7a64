"""Spreadsheet files we write and read: formula-looking text, the byte-order mark, times.

Text cells that a spreadsheet program would run as a formula ("formula injection"):
a name such as ``=HYPERLINK("http://evil.example", "Click")`` is harmless on the web page
but becomes a live formula when a CSV file is opened in Excel or LibreOffice. Files we
write get a leading apostrophe on such cells, which spreadsheets show as plain text; files
we read have it taken off again, so an exported file imports back unchanged.
"""

from datetime import UTC

# Excel and LibreOffice read a CSV file as UTF-8 only when it starts with this.
UTF8_BOM = "\ufeff"

# = + - @ start formulas; a leading tab or carriage return can hide one from a quick look.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` with a leading apostrophe if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


def restore_formula_text(value):
    """Undo ``neutralise_formula``: the text as it was before we protected it."""
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def iso_utc(moment):
    """``moment`` as ISO 8601 in UTC to the second, e.g. ``2026-11-30T01:59:44Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
