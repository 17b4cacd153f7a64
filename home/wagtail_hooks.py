from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from signatories.admin.queue_status import JOIN_REQUEST_QUEUE_STATUS_HOOK
from signatories.models import Signatory
from signatories.statement import STATEMENT_PAGE_HOOK

from .models import StatementPage
from .page_bulk_actions import PAGE_BULK_ACTIONS
from .rich_text import LocalizedPageLinkHandler
from .worker_status import add_worker_status_panel, worker_status_above_queue

hooks.register("construct_homepage_panels", add_worker_status_panel)
hooks.register(JOIN_REQUEST_QUEUE_STATUS_HOOK, worker_status_above_queue)


@hooks.register(STATEMENT_PAGE_HOOK)
def statement_page_model():
    """The page whose text organizations sign, for the signatories app, which cannot import it."""
    return StatementPage


@hooks.register("before_edit_page")
def warn_that_organizations_signed_this_text(request, page):
    """Editing the statement changes what its signatories put their names to: say so."""
    if request.method != "GET" or page.specific_class is not StatementPage:
        return None
    signed = Signatory.objects.published()
    count = signed.count()
    if not count:
        return None
    earlier = signed.exclude(signed_revision=None).exclude(signed_revision=page.live_revision_id)
    warning = ngettext(
        "%(count)d organization has signed this statement.",
        "%(count)d organizations have signed this statement.",
        count,
    ) % {"count": count}
    warning += " " + _(
        "Changing its text changes what they signed: keep changes to corrections, or tell them."
    )
    earlier_count = earlier.count()
    if earlier_count:
        warning += " " + ngettext(
            "%(count)d of them signed an earlier version than the one live now.",
            "%(count)d of them signed an earlier version than the one live now.",
            earlier_count,
        ) % {"count": earlier_count}
    messages.warning(request, warning)
    return None


# After Wagtail's own registration (order 0), so this handler replaces its "page" link type.
@hooks.register("register_rich_text_features", order=1)
def resolve_page_links_in_bulk(features):
    features.register_link_type(LocalizedPageLinkHandler)


# After wagtail.admin's own (order 0), so the registry keeps these for pages.
for action_class in PAGE_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=1)
