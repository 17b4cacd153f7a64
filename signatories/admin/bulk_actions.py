"""Bulk actions on the signatory listing: publish, unpublish, delete, and merge two into one.

Each is refused (403) before it lists anything to a user without its permission: Wagtail's
own bulk action views list every signatory asked for (``?id=all``: all of them, drafts
included) to any admin user, as items they "don't have permission to" change.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.actions.delete import DeleteAction
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from ..history import own_history
from ..models import Signatory
from . import merging


class DeleteSignatoriesBulkAction(PermissionCheckedMixin, DeleteBulkAction):
    """Wagtail's delete, for signatories, behind the delete permission; registered after
    Wagtail's own, so it takes its place on the signatory listing."""

    models = [Signatory]
    permission_required = "delete"

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        # Wagtail's snippet bulk delete deletes the queryset and logs nothing: delete each one
        # as its own delete view does, so each deletion is in the history with who did it.
        for signatory in objects:
            with own_history(user):
                DeleteAction(signatory, user=user).execute()
        return len(objects), 0


class PublicationBulkAction(PermissionCheckedMixin, SnippetBulkAction):
    """Publish or unpublish many signatories at once, each with its own history entry."""

    models = [Signatory]
    permission_required = "publish"
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
            with own_history(user):
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


class MergeForm(forms.Form):
    keep = forms.TypedChoiceField(
        label=_("Which listing do we keep?"), coerce=int, widget=forms.RadioSelect
    )


class MergeSignatoriesBulkAction(PermissionCheckedMixin, SnippetBulkAction):
    """Merge two selected signatories that are one organization into the one the editor keeps.

    The confirmation page asks which to keep; only its POST merges (see merging.merge).
    """

    models = [Signatory]
    # Merging edits one signatory and deletes the other: PermissionCheckedMixin checks both.
    permission_required = "change"
    any_permission_required = ["delete"]
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
