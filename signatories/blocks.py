from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .grouping import group_signatories, letter_ranges
from .list_cache import cached
from .models import Signatory

# Only what the public list shows: contact details are not even loaded.
PUBLIC_FIELDS = ("name", "level", "state", "note", "website", "group_rank", "sort_key")


class SignatoryListBlock(blocks.StructBlock):
    """The published signatories grouped under National and then each state, with jump links."""

    heading = blocks.CharBlock(
        required=False,
        default="Signatories",
        help_text=_("Shown above the list; leave empty for none."),
    )
    show_count = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text=_('Show the total, e.g. "156 organizations have signed".'),
    )
    show_jump_navigation = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text=_("Show letter links (A, C, D-F, ...) that jump to the states."),
    )

    class Meta:
        icon = "group"
        template = "blocks/signatory_list_block.html"
        label = _("Signatory list")
        description = _("Every published signatory, grouped by National and state.")
        preview_value = {"heading": "Signatories", "show_count": True, "show_jump_navigation": True}

    def render(self, value, context=None):
        # The list looks the same to every visitor, so its HTML is built once per state of
        # the list and language, and the page costs one small query instead of the list.
        options = f"{value['heading']}|{value['show_count']}|{value['show_jump_navigation']}"
        html = cached(
            f"block:{get_language()}:{options}",
            lambda: str(super(SignatoryListBlock, self).render(value, context)),
        )
        return mark_safe(html)  # noqa: S308 - our own template's output, escaped when built

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        signatories = list(Signatory.objects.published().only(*PUBLIC_FIELDS))
        groups = group_signatories(signatories)
        context.update(
            signatory_count=len(signatories),
            groups=groups,
            letter_ranges=letter_ranges(groups) if value["show_jump_navigation"] else [],
        )
        return context
