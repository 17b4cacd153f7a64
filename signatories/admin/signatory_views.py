"""The Signatory snippet's viewset, and its listing: a spreadsheet export safe to open, and
the editors' tools."""

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from ..delivery_document import user_can_view_delivery_document
from ..importing.admin_views import user_can_import
from ..models import Signatory
from .signatory_chooser import SignatoryChooserViewSet
from .signatory_export import SignatoryExportMixin
from .signatory_search import signatory_search


class SignatoryIndexView(SignatoryExportMixin, IndexView):
    """Wagtail's listing with two links in its header: Import and the delivery document.

    Its downloads are signatory_export's; its search reads the table (signatory_search).
    """

    def search_queryset(self, queryset):
        # From the table, not Wagtail's index: a signatory just created is found at once.
        if not self.is_searching:
            return queryset
        return queryset.filter(signatory_search(self.search_query))

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if user_can_import(self.request.user):
            buttons.append(
                HeaderButton(_("Import"), url=reverse("signatories_import"), icon_name="upload")
            )
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if user_can_view_delivery_document(self.request.user):
            buttons.append(
                Button(
                    _("Delivery document"),
                    url=reverse("signatories_delivery"),
                    icon_name="doc-full",
                    priority=110,
                )
            )
        return buttons


class SignatoryFilterSet(WagtailFilterSet):
    """The listing's filters, worded as editors speak: "Status: Published", not "Live: True"."""

    live = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("true", _("Published")), ("false", _("Not published"))],
        method="filter_live",
    )

    class Meta:
        model = Signatory
        fields = ["level", "state"]

    def filter_live(self, queryset, name, value):
        return queryset.filter(live=value == "true")


def publication_status(signatory):
    if not signatory.live:
        if signatory.expired:
            return _("expired")
        scheduled = signatory.go_live_at and signatory.go_live_at > timezone.now()
        return _("scheduled") if scheduled else _("draft")
    return _("live + draft") if signatory.has_unpublished_changes else _("live")


def status_column():
    """Wagtail's live status column asks every row for its scheduled revision, a query a row
    on a page of 50; the row's own fields (live, expired, go-live time, unpublished changes)
    tell the same status without it."""
    return StatusTagColumn(
        "live",
        accessor=publication_status,
        label=_("Status"),
        sort_key="live",
        primary=lambda signatory: signatory.live,
    )


class SignatoryViewSet(SnippetViewSet):
    model = Signatory
    icon = "group"
    # A menu item of its own, not under Snippets: the list is what signatory editors keep.
    add_to_admin_menu = True
    menu_label = _("Signatories")
    menu_order = 100
    list_display = [
        "name",
        Column("group_label", label=_("Listed under"), sort_key="group_rank"),
        "note",
        status_column(),
        "updated_at",
    ]
    filterset_class = SignatoryFilterSet
    list_per_page = 50
    # Searches the table, not Wagtail's index (SignatoryIndexView.search_queryset).
    ordering = ["group_rank", "sort_key"]
    inspect_view_enabled = True
    copy_view_enabled = False
    # Download CSV / XLSX in the listing's menu; headings match the import's columns, so an
    # exported file imports back unchanged.
    index_view_class = SignatoryIndexView
    # Wagtail's default chooser would list every signatory, drafts too, to any admin user.
    chooser_viewset_class = SignatoryChooserViewSet
    list_export = [
        "name",
        "level",
        "state",
        "state_name",
        "city",
        "website",
        "note",
        "live",
        "created_at",
        "updated_at",
    ]
    export_headings = {
        "name": "name",
        "level": "level",
        "state": "state",
        "state_name": "state name",
        "city": "city",
        "website": "website",
        "note": "note",
        "live": "published",
        "created_at": "created",
        "updated_at": "updated",
    }
    export_filename = "signatories"
