"""The delivery document: the statement and everyone who has signed it, ready to print.

A page of its own, without the admin around it, for handing the statement over on paper
or as a PDF from the browser's print dialog.
"""

from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.auth import user_has_any_page_permission, user_passes_test
from wagtail.models import Page

from .grouping import group_signatories
from .public_list import published_signatories
from .statement import live_statement

# Blocks that mean nothing on paper: the list is printed from the signatories themselves
# (grouped like the public page), and the rest ask the reader to click.
WEB_ONLY_BLOCK_TYPES = {"signatory_list", "state_map", "call_to_action", "share", "action_cards"}


def is_web_only(block):
    """A block left out of the printed statement: one of ``WEB_ONLY_BLOCK_TYPES``, or text
    that links to a page of the site ("Click here to join", "Visit our Take Action page"),
    a call to action that a reader of the paper cannot follow."""
    if block.block_type in WEB_ONLY_BLOCK_TYPES:
        return True
    references = block.block.extract_references(block.value)
    return any(issubclass(model, Page) for model, *_where in references)


def printed_blocks(body):
    return [block for block in body if not is_web_only(block)]


def user_can_view_delivery_document(user):
    """Signatory editors, and the communications staff and reviewers who edit the pages."""
    return user.has_perm("signatories.view_signatory") or user_has_any_page_permission(user)


@user_passes_test(user_can_view_delivery_document)
def delivery_document_view(request):
    statement = live_statement()
    signatories = published_signatories()
    blocks = printed_blocks(statement.body) if statement else []
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
