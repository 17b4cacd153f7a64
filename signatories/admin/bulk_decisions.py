"""Approving or rejecting the join requests selected in the queue at once, with one note.

Each request is decided as its own decision page decides it (``moderation``), in its own
transaction, under the same permissions: approving needs permission to publish signatories.
A request whose approval needs the editor's explicit checks (no contact confirmed it; nothing
ties a withdrawal or correction to the listing) is left pending and named, to be decided on
its own page: a bulk action never ticks those boxes for the editor.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ..models import JoinRequest
from . import moderation

DECISIONS = {"approve": moderation.approve, "reject": moderation.reject}


def may_decide(user, decision):
    """The permissions the single decision pages ask (JoinRequestDecisionView)."""
    if not user.has_perm("signatories.change_joinrequest"):
        return False
    return decision != "approve" or user.has_perm("signatories.publish_signatory")


@require_POST
def bulk_decision_view(request, index_url):
    decision = request.POST.get("decision")
    if decision not in DECISIONS:
        messages.error(request, _("Choose Approve selected or Reject selected."))
        return redirect(_back(request, index_url))
    if not may_decide(request.user, decision):
        raise PermissionDenied
    pks = [pk for pk in request.POST.getlist("selected") if pk.isdigit()]
    selected = list(JoinRequest.objects.filter(pk__in=pks).order_by("created_at", "pk"))
    if not selected:
        messages.warning(request, _("Select the requests to decide first."))
        return redirect(_back(request, index_url))
    note = request.POST.get("editor_note", "").strip()[:2000]
    decided, left = decide_all(selected, DECISIONS[decision], request.user, note)
    _report(request, decision, decided, left)
    return redirect(_back(request, index_url))


def decide_all(join_requests, decide, user, note):
    """Decide each request; returns those decided and (request, reason) for those left."""
    decided, left = [], []
    for join_request in join_requests:
        try:
            decide(join_request, user, note)
        except moderation.ChecksRequired:
            left.append((join_request, _("needs your checks on its own decision page")))
        except moderation.ModerationError as error:
            left.append((join_request, str(error)))
        else:
            decided.append(join_request)
    return decided, left


def _report(request, decision, decided, left):
    if decided:
        if decision == "approve":
            text = ngettext(
                "Approved %(count)d request.", "Approved %(count)d requests.", len(decided)
            )
        else:
            text = ngettext(
                "Rejected %(count)d request.", "Rejected %(count)d requests.", len(decided)
            )
        messages.success(request, text % {"count": len(decided)})
    for join_request, reason in left:
        messages.warning(
            request,
            _("Not decided: %(name)s: %(reason)s") % {"name": join_request, "reason": reason},
        )


def _back(request, index_url):
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return index_url
