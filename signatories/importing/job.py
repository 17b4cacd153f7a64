"""Writing an import plan.

Every change is saved as a revision and published under the importing user, as if an
editor had made it by hand, so each signatory's history shows the import. That costs a few
queries per changed row; unchanged rows cost nothing, and the command shows progress.
"""

from django.db import transaction
from wagtail.log_actions import log

from ..models import Signatory
from .planning import CREATE, plan_import

# Every import publishes what it adds, so it needs both.
IMPORT_PERMISSIONS = ("signatories.add_signatory", "signatories.publish_signatory")


def user_can_import(user):
    return user.has_perms(IMPORT_PERMISSIONS)


class PlanChangedError(Exception):
    """The list changed between the preview and the confirmation: nothing was written."""

    def __init__(self, plan):
        super().__init__("the import plan changed since it was previewed")
        self.plan = plan


def import_rows(rows, user=None, expected_digest=None, progress=None):
    """Plan ``rows`` again and write the plan in one transaction; returns the plan.

    With ``expected_digest`` (from the plan a person previewed), raises PlanChangedError
    and writes nothing if the plan is no longer the same. ``progress`` wraps the list of
    changes, e.g. in a progress bar.
    """
    with transaction.atomic():
        plan = plan_import(rows)
        if expected_digest is not None and plan.digest() != expected_digest:
            raise PlanChangedError(plan)
        changes = plan.changes
        for result in progress(changes) if progress else changes:
            if result.action == CREATE:
                _create(result.values, user)
            else:
                _update(result.signatory_id, result.changes, user)
    return plan


def _create(values, user):
    fields = {name: value for name, value in values.items() if name != "published"}
    signatory = Signatory(**fields, live=False)
    signatory.save()
    log(instance=signatory, action="wagtail.create", user=user)
    revision = signatory.save_revision(user=user)
    if values["published"]:
        revision.publish(user=user)


def _update(signatory_id, changes, user):
    signatory = Signatory.objects.get(pk=signatory_id)
    for name, (_old, new) in changes.items():
        setattr(signatory, name, new)
    if signatory.live:
        signatory.save_revision(user=user, log_action=True).publish(user=user)
    else:
        # An unpublished signatory (e.g. withdrawn) stays off the list: its record changes,
        # as when an editor saves a draft.
        signatory.save()
        signatory.save_revision(user=user, log_action=True)
