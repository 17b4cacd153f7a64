from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from campaign.caching import cached

from . import state_map
from .grouping import group_signatories, jump_links
from .list_filter import MAX_QUERY_LENGTH, matching_groups, query_from
from .public_list import published_signatories
from .statement import live_statement, statement_page_model


class ListCachedBlock(blocks.StructBlock):
    """A block built from the signatory list that looks the same to every visitor.

    Its HTML is built once per state of the list, language and ``cache_options()``, so a page
    costs one small query for it instead of the list.
    """

    def cache_options(self, value, context):
        raise NotImplementedError

    def same_for_everyone(self, value, context):
        """False when this rendering depends on the request (a search), so it is not kept."""
        return True

    def render(self, value, context=None):
        if not self.same_for_everyone(value, context):
            return super().render(value, context)
        name = f"{type(self).__name__}:{get_language()}:{self.cache_options(value, context)}"
        html = cached(
            name,
            lambda: str(super(ListCachedBlock, self).render(value, context)),
        )
        return mark_safe(html)  # noqa: S308 - our own template's output, escaped when built


class SignatoryListBlock(ListCachedBlock):
    """The published signatories grouped under National and then each state, with a filter
    box and links that jump to each group."""

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
        help_text=_("Show links to National and to every state in the list, above the names."),
    )

    class Meta:
        icon = "group"
        template = "blocks/signatory_list_block.html"
        label = _("Signatory list")
        description = _("Every published signatory, grouped by National and state.")
        preview_value = {"heading": "Signatories", "show_count": True, "show_jump_navigation": True}

    def cache_options(self, value, context):
        # The page is in the key because the printed copy names its address.
        page = (context or {}).get("page")
        options = f"{value['heading']}|{value['show_count']}|{value['show_jump_navigation']}"
        return f"{getattr(page, 'pk', '')}|{options}"

    def same_for_everyone(self, value, context):
        return not query_from((context or {}).get("request"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        signatories = published_signatories()
        request = parent_context.get("request")
        query = query_from(request)
        groups = matching_groups(group_signatories(signatories), query)
        page = parent_context.get("page")
        context.update(
            signatory_count=len(signatories),
            groups=groups,
            query=query,
            match_count=sum(len(group.members) for group in groups),
            max_query_length=MAX_QUERY_LENGTH,
            jump_links=jump_links(groups) if value["show_jump_navigation"] else [],
            page_url=page.get_full_url(request) if page else "",
            page_path=page.get_url(request) if page else "",
            as_of=timezone.localdate(),
        )
        return context


class StateMapBlock(ListCachedBlock):
    """A tile map of the states shaded by how many organizations have signed, each state
    linking to its part of the list, with the same numbers in a table."""

    heading = blocks.CharBlock(
        max_length=120,
        default="Where the signatories are",
        help_text=_("Shown above the map."),
    )
    intro = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text=_("A sentence or two under the heading; leave empty for none."),
    )

    class Meta:
        icon = "globe"
        template = "blocks/state_map_block.html"
        label = _("Map of signatories")
        description = _(
            "A map of the states shaded by how many organizations have signed there, with the "
            "numbers as a table. Each state links to its organizations in the list."
        )
        preview_value = {
            "heading": "Where the signatories are",
            "intro": "Select a state to see the organizations that signed there.",
        }

    def cache_options(self, value, context):
        # Links depend on the page: "#state-ca" on the statement, its URL first elsewhere.
        # A cached map keeps the statement's URL until the list next changes.
        page = (context or {}).get("page")
        return f"{getattr(page, 'pk', '')}|{value['heading']}|{value['intro']}"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        counts = state_map.published_counts()
        list_url = statement_list_url(parent_context.get("page"), parent_context.get("request"))
        tiles = state_map.map_tiles(counts, list_url)
        context.update(
            tiles_svg=state_map.tiles_svg(tiles),
            table_rows=state_map.table_rows(tiles),
            legend=state_map.legend(),
            national_count=counts.get(state_map.NATIONAL, 0),
            national_href=None if list_url is None else f"{list_url}#national",
            view_box=state_map.VIEW_BOX,
        )
        return context


def statement_list_url(page, request):
    """Where the list's state anchors are: "" on the statement page itself, else the live
    statement's URL in the active language (None when there is none)."""
    if isinstance(page, statement_page_model()):
        return ""
    statement = live_statement()
    if statement is None:
        return None
    return statement.localized.get_url(request)
