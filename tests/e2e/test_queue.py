"""Signatory editors work the queue in bulk, and on a phone; a rejected contact is told."""

import re

from playwright.sync_api import expect

from .actions import body_text, confirm_by_email, group_on_statement, join
from .conftest import PHONE, log_in, screenshot
from .stack import wait_for

PENDING_QUEUE = "/admin/signatories/joinrequest/?status__exact=pending"


def test_an_editor_approves_two_and_rejects_one_in_bulk_and_the_rejected_contact_is_told(
    page, second_page, stack, people
):
    requests = [
        ("Harbor Mutual Aid", "OR", "ana@harbor.example"),
        ("Prairie Food Coalition", "KS", "bo@prairie.example"),
        ("Surely Real Outfit", "NM", "cy@outfit.example"),
    ]
    for name, state, address in requests:
        join(page, name, state=state, contact_email=address)
        confirm_by_email(page, stack, address)
    editor = second_page
    log_in(editor, people["signatory_editor"])

    editor.goto(PENDING_QUEUE)
    for name, _, _ in requests[:2]:
        editor.get_by_label(re.compile(f"^Select {name}")).check()
    editor.get_by_role("button", name="Approve selected").click()
    expect(editor.locator(".messages")).to_contain_text("Approved 2 requests.")

    rejected_name, _, rejected_address = requests[2]
    editor.get_by_label(re.compile(f"^Select {rejected_name}")).check()
    editor.fill("#id_bulk_note", "We could not find this organization anywhere.")
    editor.get_by_role("button", name="Reject selected").click()
    expect(editor.locator(".messages")).to_contain_text("Rejected 1 request.")

    for name, state, _ in requests[:2]:
        expect(group_on_statement(page, state)).to_contain_text(name)
    expect(group_on_statement(page, "NM")).not_to_contain_text(rejected_name)

    # The worker sends the rejection by SMTP, to that contact alone, with the editor's note.
    rejection = wait_for(
        lambda: [
            message
            for message in stack.mailbox.to(rejected_address)
            if message["Subject"] == "About your request to the statement's list"
        ],
        60,
        "the rejection email",
    )[0]
    body = body_text(rejection)
    assert rejection["To"] == rejected_address
    assert "We could not find this organization anywhere." in body
    assert rejected_name in body
    for name, _, address in requests[:2]:
        assert name not in body
        assert address not in body
    # Approving a join emails nothing: the contacts have their acknowledgment only.
    for _, _, address in requests[:2]:
        assert len(stack.mailbox.to(address)) == 1


def test_on_a_phone_the_first_approve_button_is_on_the_first_screen(
    page, phone_page, stack, people
):
    join(page, "Coastal Tenants Network", state="CA", contact_email="di@coastal.example")
    log_in(phone_page, people["signatory_editor"])

    phone_page.goto(PENDING_QUEUE)
    screenshot(phone_page, "queue-first-screen-phone")
    first_row = phone_page.locator("table tbody tr").first
    approve = first_row.get_by_role("link", name=re.compile("^Approve"))
    box = approve.bounding_box()

    width, height = PHONE["viewport"]["width"], PHONE["viewport"]["height"]
    assert box is not None
    assert 0 <= box["x"] and box["x"] + box["width"] <= width, box
    assert 0 <= box["y"] and box["y"] + box["height"] <= height, box
    # The 57 states' filter is folded away until asked for.
    expect(phone_page.get_by_role("link", name="California", exact=True)).not_to_be_visible()
    phone_page.get_by_text("Filter", exact=True).click()
    expect(phone_page.get_by_role("link", name="California", exact=True)).to_be_visible()
    # The table is not cut off: its last column scrolls into view.
    last_cell = first_row.locator("td").last
    last_cell.scroll_into_view_if_needed()
    cell = last_cell.bounding_box()
    assert cell is not None and 0 <= cell["x"] < width, cell
    # The page itself does not scroll sideways; the table does, inside its box.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= width
