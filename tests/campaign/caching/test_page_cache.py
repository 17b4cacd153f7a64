"""Whole statement pages are cached for anonymous visitors and never served stale."""

import io
import os
import threading
import time

import pytest
from csp.middleware import CSPMiddleware
from django.core.cache import caches
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from campaign.caching import allow_storing
from campaign.caching.generation import GENERATION_KEY, current_generation, new_generation
from campaign.caching.page_cache import STATUS_HEADER, PageCacheMiddleware, cache_key
from signatories.admin import merging, moderation
from signatories.models import JoinPage, JoinRequest, Signatory

from ...admin_helpers import page_edit_url, statement_edit_data
from ...factories import JoinRequestFactory, SignatoryFactory
from ...process_helpers import run_python


def page_text(client, path="/", **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response, response.content.decode()


def cache_status(response):
    return response.headers.get(STATUS_HEADER)


@pytest.fixture
def listed(site_pages):
    return SignatoryFactory(name="Casa Latina", state="WA")


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


def another_request_rendering(finish):
    """Take the render lock of "/" for the current generation, as a concurrent request would,
    and call ``finish(pages, key, generation)`` a moment later in another thread."""
    pages = caches["pages"]
    generation = pages.get(GENERATION_KEY)
    key = cache_key(RequestFactory().get("/"))
    assert pages.add(f"{key}:rendering:{generation}", 1, 5)
    timer = threading.Timer(0.2, finish, args=(pages, key, generation))
    timer.start()
    return timer


def test_after_a_change_one_request_renders_and_the_others_wait_for_it(
    client, listed, django_assert_num_queries
):
    page_text(client)
    SignatoryFactory(name="Newcomer Alliance", state="WA")

    def store(pages, key, generation):
        page = {"generation": generation, "content": b"rendered once", "headers": []}
        pages.set(key, page)

    timer = another_request_rendering(store)
    with django_assert_num_queries(0):
        response = client.get("/")
    timer.join()
    assert response.content == b"rendered once"
    assert cache_status(response) == "hit"


def test_a_waiting_request_renders_itself_when_the_other_fails(client, listed):
    page_text(client)
    SignatoryFactory(name="Newcomer Alliance", state="WA")

    def fail(pages, key, generation):
        pages.delete(f"{key}:rendering:{generation}")

    timer = another_request_rendering(fail)
    response, html = page_text(client)
    timer.join()
    assert cache_status(response) == "miss"
    assert "Newcomer Alliance" in html


def slow_view(statement_page):
    """A view that takes a moment to render, numbering its renders in the page."""
    renders = []

    def view(request):
        renders.append(request)
        number = len(renders)
        time.sleep(0.3)
        response = HttpResponse(f"render {number}")
        return allow_storing(response) if statement_page else response

    return view, renders


def visit_together(middleware, count=4):
    responses = [None] * count

    def visit(index):
        responses[index] = middleware(RequestFactory().get("/"))

    threads = [threading.Thread(target=visit, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_with_nothing_stored_yet_one_request_per_process_renders_the_page():
    # As after a start or once the entry expired: nothing under the key, many visitors at once.
    view, renders = slow_view(statement_page=True)
    responses = visit_together(PageCacheMiddleware(view))
    assert len(renders) == 1
    assert {response.content for response in responses} == {b"render 1"}
    assert sorted(cache_status(response) for response in responses) == ["hit"] * 3 + ["miss"]


def test_pages_that_are_not_stored_are_never_shared_between_visitors():
    view, renders = slow_view(statement_page=False)
    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        responses = visit_together(middleware)
        assert len({response.content for response in responses}) == len(responses)
        assert all(STATUS_HEADER not in response for response in responses)
    assert len(renders) == 8


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


def test_logged_in_editors_bypass_the_cache_and_are_not_stored(client, listed, editor):
    client.force_login(editor)
    response, _ = page_text(client)
    assert STATUS_HEADER not in response
    anonymous = Client()
    first, _ = page_text(anonymous)
    assert cache_status(first) == "miss"


def test_visitors_with_a_message_waiting_bypass_the_cache(client, listed):
    page_text(client)
    client.cookies["messages"] = "something"
    response, _ = page_text(client)
    assert STATUS_HEADER not in response


def test_tracking_parameters_share_the_entry_and_other_queries_bypass(client, listed):
    page_text(client)
    shared, _ = page_text(client, "/?utm_source=newsletter&fbclid=abc")
    assert cache_status(shared) == "hit"
    other, _ = page_text(client, "/?state=WA")
    assert STATUS_HEADER not in other


def test_a_draft_seen_in_preview_never_reaches_visitors(client, site_pages, editor):
    page_text(Client())
    statement = site_pages["statement"]
    client.force_login(editor)
    draft = "Unreviewed draft wording."
    # As the editor's browser does: the edit form goes to the preview URL, then the preview
    # panel GETs it, rendered from that data.
    data = statement_edit_data(
        client, statement, statement.title, action="action-save", paragraph=f"<p>{draft}</p>"
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[statement.pk])
    assert client.post(preview_url, data).json() == {"is_valid": True, "is_available": True}
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert draft in preview.content.decode()

    for _ in range(2):
        public, html = page_text(Client())
        assert draft not in html
        assert "We stand together." in html
    assert cache_status(public) == "hit"
    # Saved as a draft, as an editor does before asking for review: still not for visitors.
    assert client.post(page_edit_url(statement), data).status_code == 302
    _, html = page_text(Client())
    assert draft not in html


def serve_twice(spend):
    """Two visits to a storable page that ``spend``s something of one visitor's, through the
    page cache between django-csp's and Django's CSRF middleware, as the site has them."""
    renders = []

    def view(request):
        renders.append(request)
        response = HttpResponse("page")
        if spend == "csrf":
            get_token(request)
        elif spend == "nonce":
            str(request.csp_nonce)
        elif spend == "cookie":
            response.set_cookie("tracker", "1")
        elif spend == "private":
            response["Cache-Control"] = "private"
        return allow_storing(response)

    stack = CSPMiddleware(PageCacheMiddleware(CsrfViewMiddleware(view)))
    for _ in range(2):
        stack(RequestFactory().get("/"))
    return len(renders)


@pytest.mark.parametrize("spend", ["csrf", "nonce", "cookie", "private"])
def test_a_response_with_a_csrf_token_nonce_cookie_or_private_is_not_stored(spend):
    assert serve_twice(spend) == 2


def test_a_storable_response_with_nothing_of_one_visitors_is_stored():
    assert serve_twice(None) == 1


def test_keys_vary_by_path_host_and_not_by_tracking_parameters():
    factory = RequestFactory()
    home = cache_key(factory.get("/", HTTP_HOST="localhost"))
    assert home == cache_key(factory.get("/?utm_campaign=x", HTTP_HOST="localhost"))
    assert home != cache_key(factory.get("/es/", HTTP_HOST="localhost"))
    assert home != cache_key(factory.get("/", HTTP_HOST="other.example.org"))
    assert cache_key(factory.post("/")) is None
    assert cache_key(factory.get("/admin/")) is None


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


# --- one box: the shared cache is a directory of files -------------------------------------

FILE_CACHE = "django.core.cache.backends.filebased.FileBasedCache"

# Another process on the same box, as a second gunicorn worker or a management command is.
START_GENERATION_ELSEWHERE = """
import sys
import django
from django.conf import settings

django.setup()
settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": sys.argv[1], "LOCATION": sys.argv[2]}}
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from campaign.caching.generation import new_generation

assert isinstance(caches["pages"], FileBasedCache)
new_generation()
"""


@pytest.fixture
def file_pages(settings, tmp_path):
    location = tmp_path / "pages"
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": FILE_CACHE, "LOCATION": location}}
    return location


def start_generation_in_another_process(location):
    script = START_GENERATION_ELSEWHERE.replace("sys.argv[1]", repr(FILE_CACHE))
    script = script.replace("sys.argv[2]", repr(str(location)))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "campaign.settings.test"}
    result = run_python(script, env)
    assert result.returncode == 0, result.stderr


def test_on_one_box_a_hit_costs_no_sql_and_a_change_in_another_process_shows(
    client, listed, file_pages, django_assert_num_queries
):
    assert cache_status(page_text(client)[0]) == "miss"
    with django_assert_num_queries(0):
        assert cache_status(page_text(client)[0]) == "hit"
    before = current_generation()
    start_generation_in_another_process(file_pages)
    assert current_generation() != before
    response, html = page_text(client)
    assert cache_status(response) == "miss"
    assert "Casa Latina" in html


def test_on_one_box_an_approval_shows_on_the_next_visit(client, listed, file_pages, editor):
    page_text(client)
    assert cache_status(page_text(client)[0]) == "hit"
    moderation.approve(JoinRequestFactory(name="Tucson Sanctuary Network", state="AZ"), editor)
    response, html = page_text(client)
    assert cache_status(response) == "miss"
    assert "Tucson Sanctuary Network" in html


def test_on_one_box_a_cleared_cache_starts_a_new_generation(client, listed, file_pages):
    page_text(client)
    before = current_generation()
    caches["pages"].clear()
    assert current_generation() not in (None, before)
    assert cache_status(page_text(client)[0]) == "miss"


def test_the_generation_is_the_shared_caches_own(file_pages):
    pages = caches["pages"]
    generation = current_generation()
    assert generation == pages.get(GENERATION_KEY)
    new_generation()
    assert current_generation() == pages.get(GENERATION_KEY) != generation


def test_on_one_box_another_processs_change_also_rebuilds_the_cached_list(
    client, listed, file_pages
):
    """The list's own cache follows the same generation as the page: a change saved by
    another process (no signal here) shows once that process starts a new generation."""
    assert "Casa Latina" in page_text(client)[1]
    Signatory.objects.filter(pk=listed.pk).update(name="Casa Latina Renamed")
    assert "Casa Latina Renamed" not in page_text(client)[1]
    start_generation_in_another_process(file_pages)
    assert "Casa Latina Renamed" in page_text(client)[1]
