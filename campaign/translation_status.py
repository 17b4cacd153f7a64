"""Which parts of a translated page still read as their source (English): a field or a body
block whose every text segment equals the source's. Templates mark those parts lang="en", so a
screen reader reads them with an English voice inside a Spanish page, e.g. after wagtail-localize
synced an English change that no one has translated yet, or on a copy not translated at all.

The parts are found when the translation is saved, against the text it was translated from
(wagtail-localize's source, else the page in the default language), and kept on the page: an
English edit not synced yet changes nothing in the Spanish page, and serving it costs no query.
"""

from collections import defaultdict

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail_localize.models import TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class TranslationStatusMixin(models.Model):
    """Remembers, on each save of a page in another language than the default, the parts of
    it (field names, body block ids) that still read as its source."""

    untranslated_parts = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text=_('Fields and body blocks still in the source language, shown lang="en".'),
    )

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        # A partial save (the page tree's bookkeeping) leaves the text, so the parts, as they are.
        if update_fields is None:
            source = translation_source_of(self)
            self.untranslated_parts = sorted(english_parts(self, source)) if source else []
        return super().save(*args, update_fields=update_fields, **kwargs)


def translation_source_of(page):
    """What ``page`` was translated from: wagtail-localize's copy of the source as last synced
    when it manages this translation, else the page in the default language; None for a page
    in the default language or with no such page."""
    # A new page gets its locale as Wagtail saves it: its own, with a new translation key, so
    # it is nobody's translation.
    if page.locale_id is None or page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    source = (
        TranslationSource.objects.filter(
            object_id=page.translation_key, translations__target_locale_id=page.locale_id
        )
        .exclude(locale_id=page.locale_id)
        .first()
    )
    if source is not None:
        return source.as_instance()
    return (
        type(page)
        .objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .first()
    )


def english_parts(page, source):
    """The parts of ``page`` (field names, body block ids) whose every text segment is the same
    as in ``source``."""
    mine, theirs = _strings_by_path(page), _strings_by_path(source)
    same_by_part = defaultdict(list)
    for path, strings in mine.items():
        same_by_part[_part_of(path)].append(theirs.get(path) == strings)
    return {part for part, same in same_by_part.items() if all(same)}


def reads_as_source(page, source):
    """Whether every text segment of ``page`` is its ``source``'s, e.g. a copy made for
    translation that no one has translated yet."""
    return _strings_by_path(page) == _strings_by_path(source)


def _part_of(path):
    # "title", "intro"... or "body.<block id>[.child...]": a part is a field or a top-level
    # block, English only when all its segments are.
    field, _dot, rest = path.partition(".")
    return rest.partition(".")[0] if rest else field


# Text nobody reads as prose: a slug is part of the address (and a translation's may differ
# only to be unique among its siblings).
NOT_READ = {"slug"}


def _strings_by_path(page):
    strings = defaultdict(list)
    for segment in extract_segments(page):
        if isinstance(segment, StringSegmentValue) and segment.path not in NOT_READ:
            strings[segment.path].append(segment.string.data)
    return strings
