"""Sign-ups at a glance, for the dashboard: join requests per day over the last 30 days
(requested, confirmed by the contact, approved) and published signatories by heading.

Four aggregate queries whatever the number of days or rows: one per series, grouped by day in
the database, and one for the headings.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import group_label, group_rank
from ..models import JoinRequest, Signatory

DAYS = 30


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    counts: list  # one per day, oldest first

    @property
    def total(self):
        return sum(self.counts)


@dataclass(frozen=True)
class SignupStats:
    days: list  # dates, oldest first
    series: list  # of Series
    by_heading: list  # of (heading, count), most signatories first

    @property
    def rows(self):
        """(day, count of each series) per day, newest first: the table under the chart."""
        columns = zip(*(series.counts for series in self.series), strict=True)
        return list(reversed(list(zip(self.days, columns, strict=True))))


def _per_day(queryset, field, days):
    zone = timezone.get_current_timezone()
    counted = (
        queryset.filter(**{f"{field}__date__gte": days[0]})
        .annotate(day=TruncDate(field, tzinfo=zone))
        .values("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    by_day = dict(counted)
    return [by_day.get(day, 0) for day in days]


def signup_stats(today=None):
    today = today or timezone.localdate()
    days = [today - timedelta(days=back) for back in range(DAYS - 1, -1, -1)]
    # Requests to join, each organization once: a request sent again is decided with the first.
    joins = JoinRequest.objects.filter(kind=JoinRequest.Kind.JOIN).exclude(
        status=JoinRequest.Status.DUPLICATE
    )
    series = [
        Series("requested", _("Requested"), _per_day(joins, "created_at", days)),
        Series("confirmed", _("Confirmed"), _per_day(joins, "confirmed_at", days)),
        Series(
            "approved",
            _("Approved"),
            _per_day(joins.filter(status=JoinRequest.Status.APPROVED), "decided_at", days),
        ),
    ]
    headings = (
        Signatory.objects.published()
        .values_list("level", "state")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_heading = sorted(
        ((level, state, count) for level, state, count in headings),
        key=lambda row: (-row[2], group_rank(row[0], row[1])),
    )
    return SignupStats(
        days=days,
        series=series,
        by_heading=[(group_label(level, state), count) for level, state, count in by_heading],
    )
