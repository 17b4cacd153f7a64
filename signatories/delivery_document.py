"""The delivery document: the statement and everyone who has signed it, ready to print.

A page of its own, without the admin around it, for handing the statement over on paper
or as a PDF from the browser's print dialog.
"""

from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.auth import user_has_any_page_permission, user_passes_test

from .grouping import group_signatories
from .public_list import published_signatories
from .statement import live_statement

# The list is printed from the signatories themselves, grouped like the public page.
LIST_BLOCK_TYPE = "signatory_list"


def user_can_view_delivery_document(user):
    """Signatory editors, and the communications staff and reviewers who edit the pages."""
    return user.has_perm("signatories.view_signatory") or user_has_any_page_permission(user)


@user_passes_test(user_can_view_delivery_document)
def delivery_document_view(request):
    statement = live_statement()
    signatories = published_signatories()
    body = statement.body if statement else []
    blocks = [block for block in body if block.block_type != LIST_BLOCK_TYPE]
    return TemplateResponse(
        request,
        "signatories/admin/delivery_document.html",
        {
            "page": statement,
            "statement_blocks": blocks,
            "groups": group_signatories(signatories),
            "signatory_count": len(signatories),
            "as_of": timezone.localdate(),
        },
    )
