from django import forms
from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import path, re_path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import HistoryView

from . import merging, moderation
from .admin_views import JoinRequestDecisionView
from .delivery import delivery_document_view, user_can_view_delivery_document
from .embed import embed_code_view
from .import_admin import SignatoryImportView
from .models import JoinRequest, Signatory
from .snippet_chooser import SignatoryChooserViewSet
from .snippet_views import SignatoryIndexView


class SignatoryViewSet(SnippetViewSet):
    model = Signatory
    icon = "group"
    menu_label = _("Signatories")
    menu_order = 100
    list_display = ["name", "group_label", "note", "live", "updated_at"]
    list_filter = ["level", "state", "live"]
    list_per_page = 50
    # Searches the model's own search_fields through Wagtail search (autocomplete on name).
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
        "get_state_display",
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
        "get_state_display": "state name",
        "city": "city",
        "website": "website",
        "note": "note",
        "live": "published",
        "created_at": "created",
        "updated_at": "updated",
    }
    export_filename = "signatories"


class PublicationBulkAction(SnippetBulkAction):
    """Publish or unpublish many signatories at once, each with its own history entry."""

    models = [Signatory]
    template_name = "signatories/admin/confirm_bulk_publication.html"
    confirm_question = None  # ngettext pair: (singular, plural)
    success_message = None  # ngettext pair: (singular, plural)

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "publish", obj
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = len(context["items"])
        context["action_label"] = self.display_name
        context["confirm_question"] = ngettext(*self.confirm_question, count) % {"count": count}
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(*self.success_message, num_parent_objects) % {"count": num_parent_objects}

    def get_execution_context(self):
        # execute_action records revisions and history under this user.
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        changed = [signatory for signatory in objects if cls.needs_change(signatory)]
        for signatory in changed:
            cls.change(signatory, user)
        return len(changed), 0


class PublishSignatoriesBulkAction(PublicationBulkAction):
    display_name = _("Publish")
    action_type = "publish"
    aria_label = _("Publish selected signatories")
    action_priority = 10
    confirm_question = ("Publish this signatory?", "Publish these %(count)d signatories?")
    success_message = ("%(count)d signatory published.", "%(count)d signatories published.")

    @staticmethod
    def needs_change(signatory):
        return not signatory.live or signatory.has_unpublished_changes

    @staticmethod
    def change(signatory, user):
        revision = signatory.latest_revision or signatory.save_revision(user=user)
        revision.publish(user=user)


class UnpublishSignatoriesBulkAction(PublicationBulkAction):
    """Takes signatories off the public list; their records and history stay."""

    display_name = _("Unpublish")
    action_type = "unpublish"
    aria_label = _("Unpublish selected signatories")
    action_priority = 20
    confirm_question = ("Unpublish this signatory?", "Unpublish these %(count)d signatories?")
    success_message = ("%(count)d signatory unpublished.", "%(count)d signatories unpublished.")

    @staticmethod
    def needs_change(signatory):
        return signatory.live

    @staticmethod
    def change(signatory, user):
        signatory.unpublish(user=user)


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
        if user.has_perm("signatories.publish_signatory"):
            buttons.append(self.decision_button(obj, "approve", _("Approve"), ["button-primary"]))
        buttons.append(self.decision_button(obj, "reject", _("Reject"), ["button-secondary", "no"]))
        return buttons


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
        "name",
        "kind",
        "review",
        "group_label",
        "status",
        "confirmed",
        "created_at",
        "decided_at",
    ]
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

    @admin.display(description=_("Confirmed"))
    def confirmed(self, obj):
        # Not boolean=True: that draws django.contrib.admin's icons, which are not installed,
        # so production's manifest storage has no entry for them and the queue is a 500.
        # Wagtail's icons come from its inline sprite; the words carry the state.
        return render_to_string(
            "signatories/admin/confirmed_cell.html", {"confirmed": obj.is_confirmed}
        )

    @admin.display(description=_("Review flags"))
    def review(self, obj):
        # Look-alike names and unknown listings stand out in the queue, with their reasons.
        return format_html_join(
            "", '<p class="review-flag">⚠ {}</p>', ((reason,) for reason in obj.review_reasons)
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
        return urls

    def decision_view(self, decision):
        def view(request, instance_pk):
            return JoinRequestDecisionView.as_view(
                model_admin=self, instance_pk=instance_pk, decision=decision
            )(request)

        return view


register_snippet(SignatoryViewSet)
modeladmin_register(JoinRequestAdmin)
hooks.register("register_bulk_action", PublishSignatoriesBulkAction)
hooks.register("register_bulk_action", UnpublishSignatoriesBulkAction)


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


@hooks.register("construct_homepage_panels")
def add_pending_join_requests_panel(request, panels):
    if request.user.has_perm("signatories.change_joinrequest"):
        panels.append(PendingJoinRequestsPanel())


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    actions.register_action(
        moderation.APPROVE_ACTION, _("Approve join request"), _("Approved join request")
    )
    actions.register_action(
        moderation.REJECT_ACTION, _("Reject join request"), _("Rejected join request")
    )


class ReadOnlyPermissionHelper(PermissionHelper):
    """Task results are a record: they can be listed and inspected, never edited."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class BackgroundTaskAdmin(ModelAdmin):
    """Emails and other background work: what is queued, what ran, what failed and why."""

    model = DBTaskResult
    menu_label = _("Background tasks")
    menu_icon = "resubmit"
    add_to_settings_menu = True
    list_display = ["task_path", "status", "enqueued_at", "run_after", "finished_at"]
    list_filter = ["status", "task_path"]
    # The model's Meta.ordering is the worker's queue order, given as F() expressions, which
    # modeladmin's listing cannot read (a 500 once a task exists). Staff look here for what
    # just happened, so the newest first.
    ordering = ["-enqueued_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "task_path",
        "status",
        "args_kwargs",
        "enqueued_at",
        "run_after",
        "started_at",
        "finished_at",
        "exception_class_path",
        "traceback",
    ]
    permission_helper_class = ReadOnlyPermissionHelper
    history_view_class = PermittedHistoryView


modeladmin_register(BackgroundTaskAdmin)


class MergeForm(forms.Form):
    keep = forms.TypedChoiceField(
        label=_("Which listing do we keep?"), coerce=int, widget=forms.RadioSelect
    )


class MergeSignatoriesBulkAction(SnippetBulkAction):
    """Merge two selected signatories that are one organization into the one the editor keeps.

    The confirmation page asks which to keep; only its POST merges (see merging.merge).
    """

    models = [Signatory]
    display_name = _("Merge")
    action_type = "merge"
    aria_label = _("Merge the two selected signatories")
    action_priority = 40
    template_name = "signatories/admin/confirm_merge.html"
    form_class = MergeForm
    kept = other = None

    def check_perm(self, obj):
        # Merging edits one signatory and deletes the other.
        user = self.request.user
        return all(
            self.permission_policy.user_has_permission_for_instance(user, action, obj)
            for action in ("change", "delete")
        )

    def object_context(self, signatory):
        return {**super().object_context(signatory), "requests": signatory.join_requests.count()}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        objects = self.get_actionable_objects()[0]
        form.fields["keep"].choices = [(signatory.pk, signatory.name) for signatory in objects]
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_merge"] = len(context["items"]) == 2 and not context["items_with_no_access"]
        return context

    def prepare_action(self, objects, objects_without_access):
        if len(objects) != 2 or objects_without_access["items_with_no_access"]:
            self.cleaned_form.add_error(
                None, _("Select exactly two signatories that you may change and delete.")
            )
            return self.form_invalid(self.cleaned_form)
        keep = self.cleaned_form.cleaned_data["keep"]
        self.kept, self.other = sorted(objects, key=lambda signatory: signatory.pk != keep)

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "user": self.request.user,
            "kept": self.kept,
            "other": self.other,
        }

    @classmethod
    def execute_action(cls, objects, user=None, kept=None, other=None, **kwargs):
        merging.merge(kept, other, user)
        return 1, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("Merged “%(other)s” into “%(kept)s”.") % {
            "other": self.other.name,
            "kept": self.kept.name,
        }


hooks.register("register_bulk_action", MergeSignatoriesBulkAction)


@hooks.register("register_log_actions")
def register_merge_log_action(actions):
    @actions.register_action(merging.MERGE_ACTION)
    class MergeFormatter(LogFormatter):
        label = _("Merge signatories")

        def format_message(self, log_entry):
            try:
                merged = log_entry.data["merged"]
                return _("Merged “%(name)s” (%(group)s) into this signatory") % {
                    "name": merged["name"],
                    "group": merged["group"],
                }
            except (KeyError, TypeError):
                return _("Merged another signatory into this one")


@hooks.register("register_admin_urls")
def register_editor_tool_urls():
    return [
        path("signatories/import/", SignatoryImportView.as_view(), name="signatories_import"),
        path("signatories/delivery/", delivery_document_view, name="signatories_delivery"),
        path("signatories/embed/", embed_code_view, name="signatories_embed_code"),
    ]


class DeliveryDocumentMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view_delivery_document(request.user)


@hooks.register("register_reports_menu_item")
def register_delivery_document_menu_item():
    return DeliveryDocumentMenuItem(
        _("Delivery document"),
        reverse("signatories_delivery"),
        name="signatories-delivery",
        icon_name="doc-full",
        order=100,
    )


@hooks.register("register_admin_menu_item")
def register_embed_code_menu_item():
    # Every editor may hand partners the widget: it shows only the public count.
    return MenuItem(
        _("Embeddable widget"),
        reverse("signatories_embed_code"),
        name="signatories-embed",
        icon_name="code",
        order=900,
    )
