"""One render at a time: while one request renders a page, the others for it wait for its copy,
and render themselves if it fails."""

import threading
import time

from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory

from campaign.caching import allow_storing
from campaign.caching.generation import GENERATION_KEY
from campaign.caching.page_cache import STATUS_HEADER, PageCacheMiddleware, cache_key

from ...factories import SignatoryFactory
from .page_visits import cache_status, page_text


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
