"""Whole statement pages are cached for anonymous visitors and never served stale: each language
has its own entry, and every change (an edit, an approval, an import) shows on the next visit."""

import io
import time

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from campaign.caching.generation import GENERATION_KEY
from campaign.caching.page_cache import STATUS_HEADER
from signatories.admin import merging, moderation
from signatories.models import JoinPage, JoinRequest, Signatory

from ...factories import JoinRequestFactory, SignatoryFactory
from .page_visits import cache_status, page_text


def test_second_anonymous_visit_is_served_from_the_cache_without_sql(
    client, listed, django_assert_num_queries
):
    first, first_html = page_text(client)
    assert cache_status(first) == "miss"
    with django_assert_num_queries(0):
        second, second_html = page_text(client)
    assert cache_status(second) == "hit"
    assert second_html == first_html
    assert "Casa Latina" in second_html
    # Headers set inside the stack are kept; the outer ones (CSP) are added afresh.
    assert second["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in second
    assert not second.cookies


@pytest.mark.parametrize(
    ("path", "edited"),
    [
        ("/join/thanks/", "Welcome aboard, and thank you"),
        ("/es/join/thanks/", "Welcome aboard, and thank you"),
        # This one shows no editable text: any publish must still replace it.
        ("/join/change/thanks/", "Thank you, we received your request"),
    ],
)
def test_the_thank_you_pages_are_stored_and_follow_edits(
    path, edited, seeded_site, editor, django_assert_num_queries
):
    """Everyone who sends a form lands here: served like a static file, changed on publish."""
    client = Client()
    first, first_html = page_text(client, path)
    assert cache_status(first) == "miss"
    with django_assert_num_queries(0):
        second, second_html = page_text(client, path)
    assert cache_status(second) == "hit" and second_html == first_html

    language = "es" if path.startswith("/es/") else "en"
    join_page = JoinPage.objects.get(locale__language_code=language)
    join_page.thank_you_title = "Welcome aboard, and thank you"
    join_page.save_revision(user=editor).publish(user=editor)
    third, third_html = page_text(client, path)
    assert cache_status(third) == "miss"
    assert edited in third_html


def test_approval_shows_on_the_next_visit(client, site_pages, editor):
    _, before = page_text(client)
    assert "Tucson Sanctuary Network" not in before
    request = JoinRequestFactory(name="Tucson Sanctuary Network", state="AZ")
    moderation.approve(request, editor)
    response, after = page_text(client)
    assert cache_status(response) == "miss"
    assert "Tucson Sanctuary Network" in after


@pytest.mark.parametrize("change", ["edit", "unpublish", "delete", "merge"])
def test_any_change_to_a_published_signatory_shows_on_the_next_visit(
    client, listed, editor, change
):
    twin = SignatoryFactory(name="Casa Latina Seattle", state="WA")
    _, before = page_text(client)
    assert "Casa Latina Seattle" in before
    if change == "edit":
        twin.name = "Casa Latina del Norte"
        twin.save_revision(user=editor).publish(user=editor)
    elif change == "unpublish":
        twin.unpublish(user=editor)
    elif change == "delete":
        twin.delete()
    else:
        merging.merge(listed, twin, editor)
    _, after = page_text(client)
    assert "Casa Latina Seattle" not in after
    assert ("Casa Latina del Norte" in after) == (change == "edit")


def test_an_import_shows_on_the_next_visit(client, listed, tmp_path):
    page_text(client)
    upload = tmp_path / "list.csv"
    upload.write_text("name,state\nRed de Apoyo Fronterizo,AZ\n")
    call_command("import_signatories", str(upload), "--no-progress", stdout=io.StringIO())
    response, html = page_text(client)
    assert cache_status(response) == "miss"
    assert "Red de Apoyo Fronterizo" in html


def test_publishing_the_page_shows_the_new_text(client, site_pages, editor):
    page_text(client)
    statement = site_pages["statement"]
    statement.body = [("paragraph", "<p>Now with a second sentence.</p>")]
    statement.save_revision(user=editor).publish(user=editor)
    _, html = page_text(client)
    assert "Now with a second sentence." in html


def test_unpublishing_the_page_takes_it_down(client, site_pages, editor):
    page_text(client)
    site_pages["statement"].unpublish(user=editor)
    assert client.get("/").status_code == 404


def test_moving_a_page_starts_a_new_generation(site_pages, editor):
    pages = caches["pages"]
    pages.set(GENERATION_KEY, "before")
    join = site_pages["join"]
    join.move(site_pages["take_action"].get_parent(), pos="last-child", user=editor)
    assert pages.get(GENERATION_KEY) != "before"


def test_pending_rejected_and_withdrawn_names_never_reach_the_cached_page(client, listed, editor):
    JoinRequestFactory(name="Pending Partners", state="WA")
    rejected = JoinRequestFactory(name="Rejected Alliance", state="WA")
    moderation.reject(rejected, editor)
    withdrawn = SignatoryFactory(name="Withdrawn Coalition", state="WA")
    withdrawal = JoinRequestFactory(
        name="Withdrawn Coalition", state="WA", kind=JoinRequest.Kind.WITHDRAWAL
    )
    moderation.approve(withdrawal, editor, verified_another_way=True)
    withdrawn.refresh_from_db()
    assert not withdrawn.live
    SignatoryFactory(name="Draft Collective", state="WA", live=False)
    page_text(client)
    response, html = page_text(client)
    assert cache_status(response) == "hit"
    assert "Casa Latina" in html
    for hidden in ("Pending Partners", "Rejected Alliance", "Withdrawn Coalition", "Draft"):
        assert hidden not in html


def test_each_language_has_its_own_entry_and_both_show_an_approval(
    client, spanish_statement, editor
):
    _, english = page_text(client, "/")
    spanish_response, spanish = page_text(client, "/es/")
    assert cache_status(spanish_response) == "miss"
    assert spanish != english
    assert cache_status(page_text(client, "/es/")[0]) == "hit"
    request = JoinRequestFactory(name="Red de Apoyo Fronterizo", state="AZ")
    moderation.approve(request, editor)
    for path in ("/", "/es/"):
        response, html = page_text(client, path)
        assert cache_status(response) == "miss"
        assert "Red de Apoyo Fronterizo" in html


def test_the_page_cache_can_be_turned_off(client, listed, settings):
    settings.PAGE_CACHE_SECONDS = 0
    page_text(client)
    response, _ = page_text(client)
    assert STATUS_HEADER not in response
    assert Signatory.objects.published().count() == 1


def test_a_kept_copy_expires_with_the_shared_entry(client, listed, settings):
    settings.PAGE_CACHE_SECONDS = 1
    page_text(client)
    assert cache_status(page_text(client)[0]) == "hit"
    time.sleep(1.1)
    # Even with no change since, this process does not serve its own copy past the limit.
    assert cache_status(page_text(client)[0]) == "miss"
