"""Signatory editors decide requests in the queue; the public list follows at once."""

import re

from playwright.sync_api import expect

from signatories.models import JoinRequest, Signatory

from .actions import confirm_by_email, decide, group_on_statement, join, open_queue_row
from .conftest import log_in
from .stack import wait_for


def test_an_editor_approves_a_confirmed_request_and_it_is_listed_at_once(
    page, second_page, stack, people
):
    name = "Lakeshore Climate Collective"
    join(page, name, state="MI", contact_email="lee@lakeshore.example")
    confirm_by_email(page, stack, "lee@lakeshore.example")
    # The public page is in every cache before the decision.
    expect(group_on_statement(page, "MI")).not_to_contain_text(name)

    editor = second_page
    log_in(editor, people["signatory_editor"])
    row = open_queue_row(editor, name)
    expect(row).to_contain_text("Confirmed")
    expect(row).not_to_contain_text("Not confirmed")
    # The worker beside the site has run lately: said plainly, not as a warning.
    status = editor.locator(".worker-status")
    expect(status).to_contain_text(re.compile(r"Task worker last ran .* ago · \d+ tasks? waiting"))
    expect(editor.locator(".help-warning.worker-status")).to_have_count(0)
    purges_before = len(stack.cdn.paths)
    decide(editor, name, "Approve")
    expect(editor.locator(".messages")).to_contain_text("is now on the public list")

    expect(group_on_statement(page, "MI")).to_contain_text(name)
    assert Signatory.objects.get(name=name).live
    # The CDN in front is told to drop the statement page (by the task worker).
    wait_for(lambda: "/" in stack.cdn.paths[purges_before:], 30, "a PURGE of /")

    # The dashboard's chart counts the day's request, confirmation and approval.
    editor.goto("/admin/")
    chart = editor.get_by_role("img", name="Join requests per day, last 30 days")
    expect(chart).to_be_visible()
    panel = editor.locator("#signups-at-a-glance-section")
    expect(panel).to_contain_text(re.compile(r"Approved: [1-9]"))


def test_an_editor_rejects_a_request_and_nothing_is_listed(page, second_page, stack, people):
    name = "Definitely Not A Spam Org"
    join(page, name, state="NV", contact_email="spam@nothing.example")

    log_in(second_page, people["signatory_editor"])
    row = open_queue_row(second_page, name)
    expect(row).to_contain_text("Not confirmed")
    decide(second_page, name, "Reject")
    expect(second_page.locator(".messages")).to_contain_text(f"Rejected: {name}")

    assert JoinRequest.objects.get(name=name).status == JoinRequest.Status.REJECTED
    assert not Signatory.objects.filter(name=name).exists()
    page.goto("/")
    expect(page.locator("#signatories")).not_to_contain_text(name)


def test_a_withdrawal_confirmed_and_approved_takes_the_listing_down(
    page, second_page, stack, people
):
    signatory = Signatory.objects.published().filter(level="state").order_by("sort_key").first()
    state = signatory.state
    expect(group_on_statement(page, state)).to_contain_text(signatory.name)

    page.goto("/join/change/")
    page.fill("#id_name", signatory.name)
    page.select_option("#id_state", state)
    page.fill("#id_contact_name", "Robin Withdraw")
    page.locator("#id_contact_email").press_sequentially("robin@withdraw.example", delay=40)
    page.get_by_label("Remove our organization from the list").check()
    page.fill("#id_details", "Our board decided to step back.")
    page.get_by_role("button", name="Send request").click()
    expect(page).to_have_url(re.compile(r"/join/change/thanks/$"))
    confirm_by_email(page, stack, "robin@withdraw.example")

    # A confirmed email proves only that Robin reads that mailbox: the editor is told that
    # nothing ties it to the listing, and must say they checked another way.
    editor = second_page
    log_in(editor, people["signatory_editor"])
    row = open_queue_row(editor, signatory.name)
    row.get_by_role("link", name=re.compile("^Approve", re.I)).click()
    expect(editor.locator(".request-contacts")).to_contain_text(
        "no relation: check by another channel"
    )
    editor.get_by_role("button", name="Yes, approve").click()
    expect(editor.locator(".messages")).to_contain_text("verify the request with the organization")
    expect(group_on_statement(page, state)).to_contain_text(signatory.name)
    # The page asks again, with what is missing highlighted.
    editor.get_by_label("I verified this request another way").check()
    editor.get_by_role("button", name="Yes, approve").click()
    expect(editor.locator(".messages")).to_contain_text("no longer on the public list")

    expect(group_on_statement(page, state)).not_to_contain_text(signatory.name)
    signatory.refresh_from_db()
    assert not signatory.live
