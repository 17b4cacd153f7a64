"""Each object's own history entries when one admin request changes many.

Wagtail's history view shows, of all the log entries sharing a uuid and an action, only the
latest, whichever object it is about (``LogEntryQuerySet.latest_by_uuid_and_action``), and
every entry logged during one admin request shares that request's ``LogContext`` uuid. So a
bulk unpublish of two signatories logs two "unpublish" entries with one uuid, and the first
signatory's history page shows neither. Logging each object's changes in a ``LogContext`` of
its own gives each its own uuid, and each history page its own entries.
"""

from wagtail.log_actions import LogContext


def own_history(user):
    """A context in which every entry logged is grouped only with the others logged in it."""
    return LogContext(user=user)
