"""Hostile text in the emails a join request sends: plain text only, every header a single
line, no smuggled recipient; through the queue and through the public form."""

import pytest
from django.core import mail
from django.utils import timezone

from signatories.joining.email_tasks import send_due_emails
from signatories.models import JoinRequest

from ..admin_helpers import join_request_url as request_url
from ..factories import UserFactory
from .xss import IDS, PAYLOADS, STATES, assert_inert, get_html


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_request_emails_are_plain_text_with_single_line_headers(
    hostile, payload, django_capture_on_commit_callbacks
):
    join_request = hostile["requests"][PAYLOADS.index(payload)]
    JoinRequest.objects.update(acknowledgment_due_at=None, editors_notice_due_at=None)
    JoinRequest.objects.filter(pk=join_request.pk).update(
        acknowledgment_due_at=timezone.now(), editors_notice_due_at=timezone.now()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_due_emails.enqueue()

    assert len(mail.outbox) == 2
    acknowledgment, notification = sorted(
        mail.outbox, key=lambda message: message.to != [join_request.contact_email]
    )
    assert acknowledgment.to == [join_request.contact_email]
    assert notification.to == ["editors@example.org"]
    for message in mail.outbox:
        # Plain text only: no HTML alternative, no HTML body.
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", [])
        for name, value in message.message().items():
            assert "\r" not in value and "\n" not in value.replace("\n ", ""), (name, value)
        assert "\r" not in message.subject and "\n" not in message.subject
        assert "Bcc" not in message.message().keys()
        assert message.bcc == []
        assert message.recipients() == message.to
    # The name is in the bodies as typed (plain text needs no escaping); no subject carries
    # a stranger's words.
    assert join_request.name in notification.body and join_request.name in acknowledgment.body
    assert all(join_request.name not in message.subject for message in mail.outbox)


def test_public_form_with_hostile_text_sends_safe_emails(
    client, site_pages, django_capture_on_commit_callbacks
):
    """Through the real form: whatever it accepts, the emails stay single-line in headers."""
    from ..helpers import form_data

    for index, payload in enumerate(PAYLOADS):
        mail.outbox.clear()
        data = form_data(
            name=f"{payload} {index}",
            city=payload[:100],
            contact_name=payload[:150],
            contact_email=f"person{index}@example.org",
            state=STATES[index],
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/join/", data, REMOTE_ADDR=f"10.0.0.{index + 1}")
        assert response.status_code in (200, 302)
        html = response.content.decode()
        assert_inert(html, payload, "join form response")
        for message in mail.outbox:
            assert message.content_subtype == "plain"
            for name, value in message.message().items():
                assert "\r" not in value and "\n" not in value.replace("\n ", ""), (name, value)
    assert JoinRequest.objects.exists()
    # The stored requests render safely in the queue, too.
    client.force_login(UserFactory(groups=["Signatory editors"]))
    html = get_html(client, request_url("index"))
    for payload in PAYLOADS:
        assert_inert(html, payload, "queue after form")
