"""What people do on the site, step by step in the browser, shared by the journeys."""

import re

from playwright.sync_api import expect

CONFIRM_LINK = re.compile(r"https?://\S+/join/confirm/\S+/")
# Fast enough that the whole form takes a person several seconds, as a typist would.
TYPING_DELAY_MS = 40


def body_text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def confirmation_link(message):
    match = CONFIRM_LINK.search(body_text(message))
    assert match, f"no confirmation link in:\n{body_text(message)}"
    return match.group(0)


def fill_join_form(page, organization, *, state, contact_email, like_autofill=False):
    """Fill the join form as a person typing, or all at once as browser autofill does."""
    fields = {
        "#id_name": organization,
        "#id_city": "Springfield",
        "#id_contact_name": "Pat Organizer",
        "#id_contact_email": contact_email,
    }
    page.select_option("#id_state", state)
    for selector, text in fields.items():
        if like_autofill:
            page.fill(selector, text)
        else:
            page.locator(selector).press_sequentially(text, delay=TYPING_DELAY_MS)
    page.check("#id_consent")


def join(page, organization, *, state, contact_email, like_autofill=False):
    """Send the join form from the statement's join page; lands on the thank-you page, whose
    first words say what to do next."""
    page.goto("/join/")
    fill_join_form(
        page, organization, state=state, contact_email=contact_email, like_autofill=like_autofill
    )
    page.get_by_role("button", name="Send request").click()
    expect(page).to_have_url(re.compile(r"/join/thanks/$"))
    expect(page.locator("main h1 + p")).to_contain_text("Check your inbox and click the link")


def confirm_by_email(page, stack, contact_email):
    """Open the acknowledgment's link and press the confirmation button."""
    link = confirmation_link(stack.mailbox.wait_for(contact_email))
    assert link.startswith(stack.url + "/"), f"{link} is not on {stack.url}"
    page.goto(link)
    page.get_by_role("button", name="Yes, confirm").click()
    expect(page.locator("h1")).to_have_text("Thank you, your request is confirmed")


def group_on_statement(page, state):
    """The statement page's list of names under one state (``CA``) or National (``None``)."""
    anchor = "national" if state is None else f"state-{state.lower()}"
    page.goto("/")
    return page.locator(f"section#{anchor} ul.signatory-group__list")


def open_queue_row(page, organization):
    """The join-request queue, searched for one organization, as an editor looks it up."""
    page.goto("/admin/signatories/joinrequest/")
    page.get_by_role("textbox", name=re.compile("Search", re.I)).fill(organization)
    page.keyboard.press("Enter")
    row = page.locator("table tbody tr", has_text=organization)
    expect(row).to_have_count(1)
    return row


def decide(page, organization, decision):
    """Approve or reject a request from the queue, confirming on the decision page."""
    row = open_queue_row(page, organization)
    row.get_by_role("link", name=re.compile(f"^{decision}", re.I)).click()
    page.get_by_role("button", name=f"Yes, {decision.lower()}").click()
    expect(page.locator(".messages")).to_contain_text(organization)
