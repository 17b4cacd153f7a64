from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail_modeladmin.views import InstanceSpecificView

from ..joining.acknowledgments import WITHHELD
from ..models import JoinRequest, Signatory
from . import contact_relation, moderation


class JoinRequestDecisionView(InstanceSpecificView):
    """Confirm, then approve or reject one join request (GET asks, POST decides)."""

    DECISIONS = {
        "approve": (moderation.approve, gettext_lazy("Approve")),
        "reject": (moderation.reject, gettext_lazy("Reject")),
    }
    template_name = "signatories/admin/join_request_decision.html"
    decision = None

    def __init__(self, model_admin, instance_pk, decision):
        super().__init__(model_admin, instance_pk)
        self.decision = decision
        self.decide, self.page_title = self.DECISIONS[decision]

    def check_action_permitted(self, user):
        if not self.permission_helper.user_can_edit_obj(user, self.instance):
            return False
        # Approving lists the organization publicly, which is publishing a signatory.
        return self.decision != "approve" or user.has_perm("signatories.publish_signatory")

    def get_template_names(self):
        return [self.template_name]

    def get_context_data(self, **kwargs):
        change_target = moderation.change_target(self.instance)
        is_change = self.instance.kind in moderation.CHANGE_APPROVALS
        if is_change:
            contacts = contact_relation.contact_relations(self.instance, change_target)
        else:
            contacts = [(contact, None) for contact in self.instance.contacts()]
        return super().get_context_data(
            decision=self.decision,
            inspect_url=self.url_helper.get_action_url("inspect", self.pk_quoted),
            existing_signatory=Signatory.objects.same_or_lookalike(self.instance),
            change_target=change_target,
            contacts=contacts,
            ask_override_unconfirmed=not self.instance.confirmed_by_a_contact(),
            acknowledgment_withheld=all(_withheld(contact) for contact, related in contacts),
            ask_verified_another_way=is_change
            and change_target is not None
            and not contact_relation.vouched(contacts),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        note = request.POST.get("editor_note", "").strip()[:2000]
        options = {}
        if self.decision == "approve":
            checks = [moderation.OVERRIDE_UNCONFIRMED, moderation.VERIFIED_ANOTHER_WAY]
            options = {name: request.POST.get(name) == "on" for name in checks}
        try:
            decided = self.decide(self.instance, request.user, note, **options)
        except moderation.ChecksRequired as error:
            # Ask again on the same page, with the checkboxes still needed highlighted.
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(missing_checks=error.missing))
        except moderation.ModerationError as error:
            messages.error(request, str(error))
            return redirect(self.index_url)
        if self.decision == "approve" and self.instance.kind in moderation.CHANGE_APPROVALS:
            return self.change_approved(decided)
        if self.decision == "approve":
            messages.success(
                request,
                _("Approved: %(name)s is now on the public list.") % {"name": self.instance},
            )
        else:
            messages.success(request, _("Rejected: %(name)s.") % {"name": self.instance})
        return redirect(self.index_url)

    def change_approved(self, signatory):
        """After a withdrawal, back to the queue; after a correction, on to make it."""
        if self.instance.kind == JoinRequest.Kind.WITHDRAWAL:
            messages.success(
                self.request,
                _("Withdrawn: %(name)s is no longer on the public list; its record stays.")
                % {"name": signatory},
            )
            return redirect(self.index_url)
        messages.success(
            self.request,
            _("Correction approved: now make the change to %(name)s and publish it.")
            % {"name": signatory},
        )
        return redirect(signatory.snippet_viewset.get_url_name("edit"), signatory.pk)


def _withheld(join_request):
    """Whether this contact's acknowledgment, with its confirmation link, was never sent."""
    return any(
        isinstance(flag, dict) and flag.get("code") == WITHHELD
        for flag in join_request.review_flags
    )
