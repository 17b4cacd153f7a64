"""The dashboard's "Sign-ups at a glance": join requests per day for 30 days (requested,
confirmed, approved) and published signatories by heading, drawn as SVG on the server with
the numbers in tables, in a fixed number of queries."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from signatories.admin.signup_chart import chart_geometry
from signatories.admin.signup_stats import signup_stats
from signatories.models import JoinRequest

from ...factories import JoinRequestFactory, SignatoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def at(days_ago, hour=12):
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def request_on(days_ago, confirmed_days_ago=None, approved_days_ago=None, **fields):
    join_request = JoinRequestFactory(
        confirmed_at=None if confirmed_days_ago is None else at(confirmed_days_ago), **fields
    )
    changes = {"created_at": at(days_ago)}
    if approved_days_ago is not None:
        changes.update(status=JoinRequest.Status.APPROVED, decided_at=at(approved_days_ago))
    JoinRequest.objects.filter(pk=join_request.pk).update(**changes)
    return join_request


def counts(stats, key):
    return next(series.counts for series in stats.series if series.key == key)


def test_each_series_counts_join_requests_on_the_day_of_its_own_event():
    request_on(5, confirmed_days_ago=4, approved_days_ago=2)
    request_on(5, confirmed_days_ago=5)
    request_on(0)
    request_on(40, confirmed_days_ago=40)  # before the window

    stats = signup_stats()

    assert len(stats.days) == 30
    assert stats.days[-1] == timezone.localdate()
    requested, confirmed, approved = (
        counts(stats, k) for k in ("requested", "confirmed", "approved")
    )
    assert (requested[-6], requested[-1], sum(requested)) == (2, 1, 3)
    assert (confirmed[-6], confirmed[-5], sum(confirmed)) == (1, 1, 2)
    assert (approved[-3], sum(approved)) == (1, 1)


def test_requests_sent_again_and_withdrawals_are_not_sign_ups():
    first = request_on(1)
    request_on(1, status=JoinRequest.Status.DUPLICATE, duplicate_of=first, name=first.name)
    request_on(1, kind=JoinRequest.Kind.WITHDRAWAL)

    assert sum(counts(signup_stats(), "requested")) == 1


def test_headings_count_published_signatories_most_first():
    for _ in range(3):
        SignatoryFactory(state="TX")
    SignatoryFactory(state="CA")
    SignatoryFactory(state="CA", live=False)
    SignatoryFactory(national=True)

    by_heading = signup_stats().by_heading

    assert [(str(label), count) for label, count in by_heading] == [
        ("Texas", 3),
        ("National", 1),
        ("California", 1),
    ]


def test_the_stats_take_four_queries_for_any_number_of_requests(django_assert_num_queries):
    for days_ago in range(25):
        request_on(days_ago, confirmed_days_ago=days_ago, approved_days_ago=days_ago)
        SignatoryFactory(state=("TX", "CA", "NY")[days_ago % 3])
    with django_assert_num_queries(4):
        signup_stats()


def test_lines_rise_with_the_counts_and_stay_inside_the_chart():
    request_on(0)
    request_on(0)
    request_on(10)

    geometry = chart_geometry(signup_stats())

    requested = geometry["lines"][0]
    points = [tuple(map(float, point.split(","))) for point in requested.points.split()]
    assert len(points) == 30
    ys = [y for _, y in points]
    # SVG's y grows downwards: today's two requests are the highest point, days without any
    # sit on the zero line.
    assert ys[-1] == min(ys)
    assert ys[0] == max(ys) == geometry["gridlines"][0]["y"]
    assert [gridline["label"] for gridline in geometry["gridlines"]] == [0, 1, 2]


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def panel_of(html):
    found = re.search(r'<section[^>]*id="signups-at-a-glance-section".*?</section>', html, re.S)
    assert found, "no sign-up panel"
    return found.group(0)


def test_signatory_editors_see_the_chart_with_its_numbers_in_tables(client):
    request_on(3, confirmed_days_ago=2, approved_days_ago=1)
    SignatoryFactory(state="TX")

    panel = panel_of(dashboard(client, UserFactory(groups=["Signatory editors"])))

    assert '<svg viewBox="0 0 600 200"' in panel
    assert 'role="img"' in panel
    assert '<title id="signups-per-day-title">Join requests per day, last 30 days</title>' in panel
    assert "Requested: 1; Confirmed: 1; Approved: 1." in panel
    assert panel.count("<polyline") == 3
    # The same numbers for screen readers and for reading exactly, one row per day.
    assert panel.count("<details>") == 2
    assert len(re.findall(r'<th scope="row">\w{3} \w{3} \d+</th>', panel)) == 30
    assert '<th scope="row">Texas</th><td>1</td>' in panel
    assert "<script" not in panel


def test_communications_editors_do_not_get_the_panel(client):
    html = dashboard(client, UserFactory(groups=["Communications"]))
    assert "signups-at-a-glance" not in html
