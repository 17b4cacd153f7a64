"""The queue of join requests (wagtail-modeladmin): listing, inspecting, Approve and Reject."""

from django.contrib import admin
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import re_path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView

from ..models import JoinRequest
from .bulk_decisions import bulk_decision_view
from .decision_views import JoinRequestDecisionView


class JoinRequestButtonHelper(ButtonHelper):
    """Adds Approve and Reject to pending requests in the queue and the inspect view."""

    def decision_button(self, obj, decision, label, classnames):
        return {
            "url": self.url_helper.get_action_url(decision, obj.pk),
            "label": label,
            "classname": self.finalise_classname(classnames),
            "title": f"{label}: {obj.name}",
        }

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        user = self.request.user
        if not (obj.is_pending and self.permission_helper.user_can_edit_obj(user, obj)):
            return buttons
        # The decisions come first: they are what an editor opens the queue for.
        decisions = []
        if user.has_perm("signatories.publish_signatory"):
            decisions.append(self.decision_button(obj, "approve", _("Approve"), ["button-primary"]))
        decisions.append(
            self.decision_button(obj, "reject", _("Reject"), ["button-secondary", "no"])
        )
        return decisions + buttons


class PermittedHistoryView(HistoryView):
    """modeladmin's history view checks no permission at all: ask what inspecting needs."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_has_any_permissions(user)


class JoinRequestPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        # Requests come only from the public form, with the requester's consent.
        return False


class ConfirmedFilter(admin.SimpleListFilter):
    """Whether the contact followed the emailed confirmation link."""

    title = _("confirmed by contact")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Confirmed")), ("no", _("Not confirmed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


class JoinRequestAdmin(ModelAdmin):
    """The queue of public join requests that editors approve or reject."""

    model = JoinRequest
    menu_label = _("Join requests")
    menu_icon = "form"
    menu_order = 110
    add_to_settings_menu = False
    list_display = [
        "select",
        "name",
        "kind",
        "review",
        "listed_under",
        "status",
        "confirmed",
        "created_at",
        "decided_at",
    ]
    list_display_add_buttons = "name"
    index_template_name = "signatories/admin/join_request_queue.html"
    index_view_extra_css = ["signatories/admin/join_request_queue.css"]
    list_filter = ["status", "kind", ConfirmedFilter, "sent_quickly", "level", "state"]
    search_fields = ["name", "city", "contact_name", "contact_email"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "kind",
        "name",
        "review_flags",
        "details",
        "level",
        "state",
        "city",
        "website",
        "contact_name",
        "contact_email",
        "consented_at",
        "confirmed_at",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
        "signatory",
        "duplicate_of",
        "editor_note",
    ]
    button_helper_class = JoinRequestButtonHelper
    permission_helper_class = JoinRequestPermissionHelper
    history_view_class = PermittedHistoryView
    # Decisions are made with Approve and Reject, which record who decided and when.
    form_fields_exclude = [
        "consented_at",
        "confirmed_at",
        "status",
        "decided_at",
        "decided_by",
        "signatory",
        "review_flags",
        "kind",
    ]

    @admin.display(description=_("Select"))
    def select(self, obj):
        # Belongs to the queue's bulk decision form (join_request_queue.html) by its id.
        if not obj.is_pending:
            return ""
        return format_html(
            '<input type="checkbox" name="selected" value="{}" form="bulk-decision" '
            'aria-label="{}">',
            obj.pk,
            _("Select %(name)s") % {"name": obj},
        )

    @admin.display(description=_("Listed under"), ordering="state")
    def listed_under(self, obj):
        return obj.group_label

    @admin.display(description=_("Confirmed"))
    def confirmed(self, obj):
        # Not boolean=True: that draws django.contrib.admin's icons, which are not installed,
        # so production's manifest storage has no entry for them and the queue is a 500.
        # Wagtail's icons come from its inline sprite; the words carry the state.
        return render_to_string(
            "signatories/admin/confirmed_cell.html", {"confirmed": obj.is_confirmed}
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(sent_again=Count("duplicates"))
        # A request sent again is shown with the one it repeats, unless asked for by status.
        if request.GET.get("status__exact") != JoinRequest.Status.DUPLICATE:
            queryset = queryset.exclude(status=JoinRequest.Status.DUPLICATE)
        return queryset

    @admin.display(description=_("Review flags"))
    def review(self, obj):
        # Look-alike names and unknown listings stand out in the queue, with their reasons.
        reasons = list(obj.review_reasons)
        sent_again = getattr(obj, "sent_again", 0)
        if sent_again:
            reasons.append(
                ngettext(
                    "Sent %(count)d more time, by the same or another contact.",
                    "Sent %(count)d more times, by the same or other contacts.",
                    sent_again,
                )
                % {"count": sent_again}
            )
        return format_html_join(
            "", '<p class="review-flag">⚠ {}</p>', ((reason,) for reason in reasons)
        )

    def get_admin_urls_for_registration(self):
        urls = super().get_admin_urls_for_registration()
        for decision in JoinRequestDecisionView.DECISIONS:
            urls += (
                re_path(
                    self.url_helper.get_action_url_pattern(decision),
                    self.decision_view(decision),
                    name=self.url_helper.get_action_url_name(decision),
                ),
            )
        urls += (
            re_path(
                rf"^{self.url_helper.base_url_path}/bulk_decision/$",
                self.bulk_decision_view,
                name=self.url_helper.get_action_url_name("bulk_decision"),
            ),
        )
        return urls

    def bulk_decision_view(self, request):
        return bulk_decision_view(request, self.url_helper.index_url)

    def decision_view(self, decision):
        def view(request, instance_pk):
            return JoinRequestDecisionView.as_view(
                model_admin=self, instance_pk=instance_pk, decision=decision
            )(request)

        return view


class PendingJoinRequestsPanel(Component):
    """Dashboard panel: how many join requests wait for a decision."""

    name = "pending_join_requests"
    order = 50
    template_name = "signatories/admin/pending_join_requests_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "pending_count": JoinRequest.objects.pending().count(),
            "queue_url": reverse("signatories_joinrequest_modeladmin_index")
            + "?status__exact=pending",
        }


def add_pending_join_requests_panel(request, panels):
    if request.user.has_perm("signatories.change_joinrequest"):
        panels.append(PendingJoinRequestsPanel())
