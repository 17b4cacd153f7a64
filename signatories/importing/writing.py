"""Writing one batch of an import job's rows, or undoing one.

Every change is a revision under the importing user, as if an editor had made it by hand, and
each signatory gets its own log entries: every row is written in its own log context, because
Wagtail's history shows one entry per context and action, across all the objects it touched.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import LogContext, log

from ..models import ImportJob, Signatory
from .planning import CREATE, UPDATE

SKIP = "skip"
IMPORT_ACTION = "signatories.import"
ROLLBACK_ACTION = "signatories.import_rollback"


def stored_row(result):
    """A planned change as the job stores it (JSON)."""
    return _storable(
        {
            "number": result.number,
            "action": result.action,
            "name": result.name,
            "group": result.group,
            "values": result.values,
            "signatory_id": result.signatory_id,
            "changes": result.changes,
        }
    )


def stored_skip(result):
    return _storable(
        {
            "number": result.number,
            "name": result.name,
            "group": result.group,
            "reason": str(result.reason),
        }
    )


def _storable(value):
    """``value`` with every NUL character shown as U+FFFD: PostgreSQL stores none in JSON or
    text, and a skipped row's raw cells may hold one."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {key: _storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(item) for item in value]
    return value


def write_pending(job, batch):
    """Write the rows not written yet, as many as ``batch`` allows, recording each in
    ``job.written``; returns how many. The caller saves the job in the same transaction."""
    pending = (index for index in range(len(job.rows)) if str(index) not in job.written)
    count = 0
    for index in pending:
        with LogContext(user=job.user):
            job.written[str(index)] = _write(job, job.rows[index])
        count += 1
        if batch.full(count):
            break
    return count


def undo_pending(job, batch):
    """Undo the written rows not undone yet, as many as ``batch`` allows; returns how many."""
    user = job.rolled_back_by or job.user
    pending = (
        entry
        for entry in job.written.values()
        if entry["action"] in (CREATE, UPDATE) and not entry.get("undone")
    )
    count = 0
    for entry in pending:
        with LogContext(user=user):
            _undo(job, entry, user)
        entry["undone"] = True
        count += 1
        if batch.full(count):
            break
    return count


def _write(job, row):
    entry = {"action": row["action"], "number": row["number"]}
    try:
        # A savepoint: a row that clashes with a change made since the preview is skipped
        # alone, and the rest of the batch goes on.
        with transaction.atomic():
            if row["action"] == CREATE:
                entry["signatory"] = _create(job, row)
            else:
                entry.update(_update(job, row))
    except IntegrityError:
        return {**entry, "action": SKIP, "reason": _("Added to the list since the preview.")}
    except Signatory.DoesNotExist:
        return {**entry, "action": SKIP, "reason": _("Deleted from the list since the preview.")}
    except ValidationError as error:
        # E.g. another listing renamed to this name since the preview: skipped, said why, and
        # the job goes on rather than stop at this row on every resume.
        reason = _("Not saved: %(errors)s") % {"errors": " ".join(error.messages)}
        return {**entry, "action": SKIP, "reason": reason}
    return entry


def _create(job, row):
    values = row["values"]
    fields = {name: value for name, value in values.items() if name != "published"}
    signatory = Signatory(**fields, live=False, signed_revision=job.statement_revision)
    signatory.save()
    log(instance=signatory, action="wagtail.create", user=job.user)
    revision = signatory.save_revision(user=job.user)
    if values["published"] and job.mode == ImportJob.Mode.PUBLISHED:
        revision.publish(user=job.user)
    _log_import(signatory, job, row)
    return signatory.pk


def _update(job, row):
    signatory = Signatory.objects.get(pk=row["signatory_id"])
    previous = {name: getattr(signatory, name) for name in row["changes"]}
    for name, (_old, new) in row["changes"].items():
        setattr(signatory, name, new)
    _save(signatory, job.user, publish=job.mode == ImportJob.Mode.PUBLISHED)
    _log_import(signatory, job, row)
    new = {name: new for name, (_old, new) in row["changes"].items()}
    return {"signatory": signatory.pk, "previous": previous, "new": new}


def _save(signatory, user, publish):
    """Save a changed signatory as editors would: a live one as a published revision (or a
    draft revision, its listing unchanged); an unpublished one (e.g. withdrawn) stays off the
    list, its record changed, as when an editor saves a draft."""
    if not signatory.live:
        signatory.save()
        signatory.save_revision(user=user, log_action=True)
        return
    revision = signatory.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)


def _log_import(signatory, job, row):
    log(
        instance=signatory,
        action=IMPORT_ACTION,
        user=job.user,
        data={"job": job.pk, "filename": job.filename, "row": row["number"], "mode": job.mode},
    )


def _undo(job, entry, user):
    signatory = Signatory.objects.filter(pk=entry["signatory"]).first()
    if signatory is None:
        return  # deleted by an editor since: nothing left to undo
    log(instance=signatory, action=ROLLBACK_ACTION, user=user, data={"job": job.pk})
    if entry["action"] == CREATE:
        log(instance=signatory, action="wagtail.delete", user=user)
        signatory.delete()
        return
    # The latest revision holds an import saved as a draft; an editor's later change to a
    # field is theirs and stays.
    current = signatory.get_latest_revision_as_object() if signatory.live else signatory
    for name, old in entry["previous"].items():
        if getattr(current, name) == entry["new"][name]:
            setattr(current, name, old)
    _save(current, user, publish=True)
