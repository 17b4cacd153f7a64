"""The seed pages' translations through wagtail-localize: each page's translation source, its
translation into every other site language, and a string translation for each segment the
shipped Spanish (``home.seed_spanish``) covers. The admin then shows them as translated by
segment, with their progress, and "Sync translated pages" brings English changes over.

The Spanish statement is the text organizations sign: its seeded translation is put to the
review workflow, so the coalition's reviewers see it as awaiting their review.
"""

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from campaign.translation_status import reads_as_source

from .seed_information import SEARCH_DESCRIPTION_LENGTH, SHARE_SUMMARY_LENGTH, summary
from .seed_spanish import SPANISH

SEED_TRANSLATIONS = {"es": SPANISH}
# How the admin's translation editor labels who translated a segment.
SEED_TOOL_NAME = "seed_campaign"
# The fields each seeded page's description is summarised from (the join page has an intro).
DESCRIBED_FIELDS = ("body", "intro")


def translate_tree(statement, report):
    """Translations of the statement and its pages in every other site language, parents first.

    A page is translated when it has no translation in that language yet, or only a copy that
    still reads exactly as the English and that wagtail-localize does not manage (as Wagtail's
    "Translate" action leaves it); anything else is an editor's and is left as it is."""
    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if language_code == statement.locale.language_code:
            continue
        locale, _created = Locale.objects.get_or_create(language_code=language_code)
        catalog = SEED_TRANSLATIONS.get(language_code, {})
        for page in [statement, *statement.get_children().specific()]:
            existing = page.get_translation_or_none(locale)
            if existing is not None and not _untouched_copy(existing.specific, page, locale):
                report.existing.append(existing)
                continue
            translated = translate_page(page, locale, catalog)
            (report.translated if existing else report.created).append(translated)
            if translated.specific_class is type(statement):
                submit_for_review(translated)


def translate_page(page, locale, catalog):
    """``page`` in ``locale`` with every segment ``catalog`` translates, saved (and published
    when ``page`` is live) through wagtail-localize; the untranslated segments keep the source
    text until a translator does them."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    catalog = {**catalog, **_descriptions(segments, catalog)}
    for segment in segments:
        text = catalog.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": "manual", "tool_name": SEED_TOOL_NAME},
        )
    # Saved as a draft, then published here: wagtail-localize would publish only once the
    # seed's transaction commits, from a copy of the page that predates its translated children.
    translation.save_target(publish=False)
    translated = page.get_translation(locale).specific
    if page.live:
        translated.get_latest_revision().publish()
        translated.refresh_from_db()
    return translated


def _descriptions(segments, catalog):
    """The search description and share summary in the catalog's language, summarised from
    the translated text as the seed summarises the English (``seed_information.describe``),
    for those the catalog does not translate itself."""
    body = " ".join(
        catalog.get(segment.string.data, segment.string.data)
        for segment in sorted(segments, key=lambda segment: segment.order)
        if segment.context.path.split(".")[0] in DESCRIBED_FIELDS
    )
    lengths = {
        "search_description": SEARCH_DESCRIPTION_LENGTH,
        "share_summary": SHARE_SUMMARY_LENGTH,
    }
    return {
        segment.string.data: summary(body, lengths[segment.context.path])
        for segment in segments
        if segment.context.path in lengths and segment.string.data not in catalog and body
    }


def submit_for_review(page):
    """Start the page's review workflow on its latest revision, unless one is under way."""
    workflow = page.get_workflow()
    if workflow is None or page.workflow_in_progress:
        return
    workflow.start(page, user=None)


def _untouched_copy(existing, page, locale):
    managed = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=locale
    ).exists()
    return not managed and reads_as_source(existing, page)
