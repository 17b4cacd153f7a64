"""The text of an uploaded CSV or seed file, whichever encoding a spreadsheet program chose."""

import re

from django.utils.translation import gettext as _

# Excel's "CSV" (not "CSV UTF-8") writes the Windows code page: Windows-1252 in the Americas
# and Western Europe, which holds every letter of Latin-1 too.
FALLBACKS = (("cp1252", "Windows-1252 (Latin-1)"),)
# A NUL or a C1 control character: binary data, or text in some other encoding. (Other
# control characters are removed from the cells later, as in a UTF-8 file.)
_NOT_TEXT = re.compile(r"[\x00\x80-\x9f]")


def decode_text(content):
    """``(text, notice)``: UTF-8 (with or without a byte-order mark) as is, or the first
    fallback encoding that gives text, with a notice asking to check the accents. Raises
    ValueError with a message for the editor when no encoding gives text."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError(
            _("The file is UTF-16 text. In Excel, save it as “CSV UTF-8” and upload it again.")
        )
    try:
        return content.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    for encoding, label in FALLBACKS:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _NOT_TEXT.search(text):
            return text, _(
                "The file is not UTF-8; it was read as %(encoding)s. Check that accented "
                "letters (á, é, ñ) look right below; if not, save it as “CSV UTF-8” and upload "
                "it again."
            ) % {"encoding": label}
    raise ValueError(
        _(
            "The file is not text in UTF-8 or Windows-1252 (Latin-1). In Excel, save it as "
            "“CSV UTF-8” and upload it again."
        )
    )
