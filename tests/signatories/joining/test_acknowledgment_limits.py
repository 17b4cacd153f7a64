"""The forms cannot be used to mail strangers: acknowledgments are limited per address and per
domain, say little in a stranger's words, and the forms' ceilings suit what editors review."""

from django.conf import settings
from django.core import mail
from django.test import override_settings

from signatories.joining.acknowledgments import WITHHELD
from signatories.models import JoinRequest

from ...helpers import change_data

ORGANIZATIONS = ["Casa Latina", "Fresno Food Bank", "Valley Tenants Union", "Delta Farmworkers"]


def acknowledgments_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def withheld(join_request):
    join_request.refresh_from_db()
    return [flag for flag in join_request.review_flags if flag.get("code") == WITHHELD]


@override_settings(JOIN_ACK_ADDRESS_LIMIT=(2, 86400), JOIN_RATE_LIMIT=(10, 600))
def test_one_address_gets_no_more_acknowledgments_than_its_limit_and_nothing_is_lost(submit):
    mail.outbox.clear()
    requests = [submit(name=name, contact_email="victim@target.example") for name in ORGANIZATIONS]

    assert len(acknowledgments_to("victim@target.example")) == 2
    # Every request is stored; those past the limit are flagged for the editors.
    assert JoinRequest.objects.filter(pk__in=[r.pk for r in requests]).count() == 4
    assert [bool(withheld(r)) for r in requests] == [False, False, True, True]
    assert "this contact address" in withheld(requests[2])[0]["reason"]
    # The editors heard of all four.
    editors = " ".join(m.body for m in mail.outbox if m.to == ["editors@example.org"])
    assert all(name in editors for name in ORGANIZATIONS)


@override_settings(JOIN_ACK_DOMAIN_LIMIT=(3, 3600), JOIN_RATE_LIMIT=(10, 600))
def test_one_mail_domain_gets_no_more_acknowledgments_than_its_limit(submit):
    mail.outbox.clear()
    for number, name in enumerate(ORGANIZATIONS):
        submit(name=name, contact_email=f"staff{number}@Target.example")
    other = submit(name="Sierra Health Alliance", contact_email="ana@elsewhere.example")

    sent = [m.to[0] for m in mail.outbox if m.to != ["editors@example.org"]]
    assert sorted(sent) == [
        "ana@elsewhere.example",
        "staff0@Target.example",
        "staff1@Target.example",
        "staff2@Target.example",
    ]
    last = JoinRequest.objects.get(name="Delta Farmworkers")
    assert "this mail domain" in withheld(last)[0]["reason"]
    assert not withheld(other)


def test_the_acknowledgment_repeats_none_of_the_strangers_free_text(
    submit, client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    spam = "Claim your prize at prize.example"
    submit(name="Casa Latina", contact_name=spam)
    data = change_data(name="Casa Latina", change="correction", details=f"{spam} now")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/join/change/", data).status_code == 302

    acknowledgments = acknowledgments_to("maria@example.org")
    assert len(acknowledgments) == 2
    for message in acknowledgments:
        assert spam not in message.body and spam not in message.subject
        # The organization's name is the one chosen text it needs, in the body only.
        assert "Casa Latina" in message.body
        assert "Casa Latina" not in message.subject


def test_the_forms_ceilings_let_in_no_more_than_editors_can_review_in_an_hour():
    # Per form, from all clients together: 120 requests an hour at most (docs/security.md).
    count, seconds = settings.JOIN_GLOBAL_RATE_LIMIT
    assert count * 3600 / seconds <= 120
    # And a flooded window closes the form for minutes, not for an hour.
    assert seconds <= 600
