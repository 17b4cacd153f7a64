"""lang="en" on the parts of a translated page that still read as English
(campaign.translation_status)."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

LANG_EN = mark_safe(' lang="en"')


@register.simple_tag
def lang_en(page, part):
    """` lang="en"` when the page's ``part`` (a field name or a body block id) still reads as
    English, else nothing."""
    return LANG_EN if str(part) in getattr(page, "untranslated_parts", ()) else ""
