"""A visitor asks to join and confirms by the emailed link, on the production configuration."""

import re

from playwright.sync_api import expect

from signatories.models import JoinRequest

from .actions import confirm_by_email, confirmation_link, fill_join_form, join


def test_a_visitor_joins_gets_the_email_and_confirms_in_the_browser(page, stack):
    join(page, "Riverside Tenants Union", state="OR", contact_email="pat@riverside.example")
    expect(page.locator("h1")).to_have_text("Thank you for adding your organization")

    request = JoinRequest.objects.get(name="Riverside Tenants Union")
    assert (request.state, request.confirmed_at) == ("OR", None)

    confirm_by_email(page, stack, "pat@riverside.example")
    request.refresh_from_db()
    assert request.is_confirmed and request.is_pending
    # The editors were told too, with a link into the queue on the site's own address.
    notice = stack.mailbox.wait_for("editors@example.org")
    assert stack.url + "/admin/" in notice.get_body(preferencelist=("plain",)).get_content()


def test_a_visitor_whose_browser_fills_the_form_at_once_is_still_stored(page, stack):
    join(
        page,
        "Autofill Food Bank",
        state="WA",
        contact_email="fast@foodbank.example",
        like_autofill=True,
    )
    expect(page.locator("h1")).to_have_text("Thank you for adding your organization")
    assert JoinRequest.objects.filter(name="Autofill Food Bank", state="WA").exists()
    confirm_by_email(page, stack, "fast@foodbank.example")


def test_an_empty_form_sent_at_once_shows_the_fields_to_fill(page, stack):
    page.goto("/join/")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r"/join/$"))


def test_after_a_secret_key_rotation_joining_and_earlier_links_still_work(page, second_page, stack):
    # Before the rotation: the blank form is stored, a request waits for its confirmation,
    # and a second visitor has the form open.
    join(page, "Before Rotation Alliance", state="TX", contact_email="old@rotation.example")
    earlier_link = confirmation_link(stack.mailbox.wait_for("old@rotation.example"))
    second_page.goto("/join/")

    stack.rotate_secret_key()

    # The visitor who had the form open sends it now.
    fill_join_form(
        second_page, "Open Tab Coalition", state="TX", contact_email="tab@rotation.example"
    )
    second_page.get_by_role("button", name="Send request").click()
    expect(second_page).to_have_url(re.compile(r"/join/thanks/$"))

    # A new visitor joins.
    join(page, "After Rotation Network", state="TX", contact_email="new@rotation.example")
    assert (
        JoinRequest.objects.filter(
            name__in=["Open Tab Coalition", "After Rotation Network"]
        ).count()
        == 2
    )

    # The link emailed before the rotation still confirms.
    page.goto(earlier_link)
    page.get_by_role("button", name="Yes, confirm").click()
    expect(page.locator("h1")).to_have_text("Thank you, your request is confirmed")
    assert JoinRequest.objects.get(name="Before Rotation Alliance").is_confirmed
    confirm_by_email(page, stack, "new@rotation.example")


def test_a_name_already_waiting_is_thanked_like_any_and_its_second_contact_can_confirm(page, stack):
    join(page, "Twice Sent Alliance", state="OR", contact_email="first@twice.example")
    join(page, "Twice Sent Alliance", state="OR", contact_email="second@twice.example")
    expect(page.locator("h1")).to_have_text("Thank you for adding your organization")

    waiting = JoinRequest.objects.get(name="Twice Sent Alliance", status="pending")
    second = JoinRequest.objects.get(contact_email="second@twice.example")
    assert second.duplicate_of == waiting
    confirm_by_email(page, stack, "second@twice.example")
    second.refresh_from_db()
    assert second.is_confirmed
