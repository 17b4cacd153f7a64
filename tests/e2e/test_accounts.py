"""Editors' accounts on the production configuration: a forgotten password comes back by an
email the task worker sends, and a well-known password opens nothing."""

import re

from playwright.sync_api import expect

from .conftest import log_in, make_person, screenshot

NEW_PASSWORD = "a long passphrase of my own choosing"


def reset_link(message, stack):
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(re.escape(stack.url) + r"/admin/password_reset/confirm/\S+/", body)
    assert match, body
    return match.group(0)


def test_an_editor_who_forgot_the_password_resets_it_by_email_and_logs_in(page, stack):
    person = make_person("fay-forgetful", ["Communications"])

    page.goto("/admin/login/")
    page.get_by_role("link", name="Forgotten password?").click()
    page.fill("#id_email", "fay-forgetful@example.org")
    page.get_by_role("button", name="Reset password").click()
    expect(page.locator("h1")).to_have_text("Check your email")

    # The worker sends it, with a link on the site's own address.
    page.goto(reset_link(stack.mailbox.wait_for("fay-forgetful@example.org"), stack))
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.get_by_role("button", name="Reset password").click()
    expect(page.locator("h1")).to_have_text("Password change successful")

    person.password = NEW_PASSWORD
    log_in(page, person)
    screenshot(page, "editor-logged-in-after-password-reset")


def test_an_account_with_a_well_known_password_cannot_log_in(page, stack):
    person = make_person("dev-leftover", superuser=True)
    person.user.set_password("admin")
    person.user.save()

    page.goto("/admin/login/")
    page.fill("#id_username", "dev-leftover")
    page.fill("#id_password", "admin")
    page.locator("form button[type=submit]").click()

    expect(page.get_by_text("Your username and password didn't match.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
