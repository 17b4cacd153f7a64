"""Merging two signatories that turn out to be the same organization.

The one kept gains the other's join requests and any city, website or note it lacks; the
other is deleted rather than unpublished. A left-over unpublished twin would still count as
"already signed" and be published again by the next approved join request that matches its
name, bringing the duplicate back. The deletion and the merge are both in the history.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..models import Signatory

MERGE_ACTION = "signatories.merge_signatory"
FILLED_FIELDS = ["city", "website", "note", "signed_revision"]


class MergeError(Exception):
    """A merge that cannot be made, with a message for the editor."""


@transaction.atomic
def merge(kept, other, user):
    """Fold ``other`` into ``kept`` and delete ``other``; returns the kept signatory."""
    if kept.pk == other.pk:
        raise MergeError(_("Choose two different signatories to merge."))
    locked = Signatory.objects.select_for_update().in_bulk([kept.pk, other.pk])
    if len(locked) != 2:
        raise MergeError(_("One of these signatories no longer exists."))
    kept, other = locked[kept.pk], locked[other.pk]
    filled = _fill_missing(kept, other, user)
    moved = other.join_requests.update(signatory=kept)
    log(
        instance=kept,
        action=MERGE_ACTION,
        user=user,
        data={
            "merged": {"id": other.pk, "name": other.name, "group": str(other.group_label)},
            "filled": filled,
            "join_requests_moved": moved,
        },
    )
    log(instance=other, action="wagtail.delete", user=user)
    other.delete()
    return kept


def _fill_missing(kept, other, user):
    """Copy ``other``'s values into ``kept``'s empty fields; returns the names filled."""
    filled = _copy_missing(kept, other)
    if filled:
        kept.save(update_fields=[*filled, "updated_at"])
    if kept.has_unpublished_changes and kept.latest_revision_id:
        # The editor opens the latest draft, not the row: fill it too, or publishing that
        # draft would empty the fields again.
        draft = kept.get_latest_revision_as_object()
        filled_in_draft = _copy_missing(draft, other)
        if filled_in_draft:
            draft.save_revision(user=user, clean=False)
        filled = sorted({*filled, *filled_in_draft})
    return filled


def _copy_missing(target, source):
    names = [name for name in FILLED_FIELDS if not getattr(target, name) and getattr(source, name)]
    for name in names:
        setattr(target, name, getattr(source, name))
    return names
