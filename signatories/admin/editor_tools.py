"""The import, the delivery document and the embed code: their admin URLs and menu items."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from ..delivery_document import delivery_document_view, user_can_view_delivery_document
from ..embed import embed_code_view
from ..importing.admin_views import SignatoryImportView, SkippedRowsView
from ..importing.job_views import ImportJobListView, ImportJobView


def editor_tool_urls():
    return [
        path("signatories/import/", SignatoryImportView.as_view(), name="signatories_import"),
        path(
            "signatories/import/skipped.csv",
            SkippedRowsView.as_view(),
            name="signatories_import_skipped",
        ),
        path("signatories/imports/", ImportJobListView.as_view(), name="signatories_import_jobs"),
        path(
            "signatories/imports/<int:pk>/", ImportJobView.as_view(), name="signatories_import_job"
        ),
        path("signatories/delivery/", delivery_document_view, name="signatories_delivery"),
        path("signatories/embed/", embed_code_view, name="signatories_embed_code"),
    ]


class DeliveryDocumentMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view_delivery_document(request.user)


def delivery_document_menu_item():
    return DeliveryDocumentMenuItem(
        _("Delivery document"),
        reverse("signatories_delivery"),
        name="signatories-delivery",
        icon_name="doc-full",
        order=100,
    )


def embed_code_menu_item():
    # Every editor may hand partners the widget: it shows only the public count.
    return MenuItem(
        _("Embeddable widget"),
        reverse("signatories_embed_code"),
        name="signatories-embed",
        icon_name="code",
        order=900,
    )
