"""Searching the list without script: the statement page answers ``?q=`` with only the
organizations that match, says how many, and leaves the stored page for everyone else as it
was."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from campaign.caching import STATUS_HEADER
from signatories.seed import load_signatories, read_seed

from ..helpers import csp


@pytest.fixture
def seed_list(site_pages):
    load_signatories(read_seed().signatories)
    return site_pages


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def listed_names(page):
    return [item.get_text(" ", strip=True) for item in page.select(".signatory-group__list li")]


def test_a_search_lists_only_the_matching_organizations_and_says_how_many(client, seed_list):
    page = soup(client.get("/", {"q": "immigrant  justice"}))

    names = listed_names(page)
    expected = {
        entry.name
        for entry in read_seed().signatories
        if "immigrant" in entry.name.lower() and "justice" in entry.name.lower()
    }
    assert len(expected) >= 2
    assert set(names) == expected
    assert "Casa Esperanza" not in page.get_text()
    status = page.select_one(".list-filter__status")
    assert status["role"] == "status"
    assert status.get_text() == f"{len(names)} organizations match “immigrant justice”."
    # The total is still the whole list's, and the way back to it is a plain link.
    assert "156 organizations have signed" in page.get_text()
    assert page.select_one(".list-filter__all a").get_text() == "Show all 156 organizations"
    # The box keeps what was typed; jump links lead only to the groups shown.
    assert page.select_one("input[name=q]")["value"] == "immigrant justice"
    groups = [section["id"] for section in page.select(".signatory-group")]
    assert [a["href"] for a in page.select(".jump-nav a")] == [f"#{g}" for g in groups]


def test_a_search_that_finds_nothing_says_so_and_lists_nothing(client, seed_list):
    page = soup(client.get("/", {"q": "zzzz no such group"}))
    assert page.select(".signatory-group") == []
    assert page.select_one(".jump-nav") is None
    assert "No organization matches “zzzz no such group”." in page.get_text()
    # Not the empty list's message: organizations are listed, just none of these.
    assert "No organizations are listed yet." not in page.get_text()


def test_the_search_form_works_without_script(client, seed_list):
    page = soup(client.get("/"))
    form = page.select_one("form.list-filter")
    assert form["method"] == "get" and form["role"] == "search"
    field = form.select_one("input[name=q]")
    assert page.select_one(f'label[for="{field["id"]}"]'), "the box has a visible label"
    assert form.select_one("button[type=submit]")
    # Without a search, nothing is filtered and the status says nothing.
    assert len(listed_names(page)) == 156
    assert page.select_one(".list-filter__status").get_text() == ""
    assert page.select_one(".list-filter__all") is None


def test_what_was_typed_is_escaped(client, seed_list):
    hostile = '"><script>alert(1)</script>'
    content = client.get("/", {"q": hostile}).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_the_stored_page_is_kept_for_everyone_and_searches_are_never_stored(seed_list):
    visitor = Client()
    assert visitor.get("/")[STATUS_HEADER] == "miss"
    assert visitor.get("/")[STATUS_HEADER] == "hit"

    for query in ["texas", "california"]:
        searched = visitor.get("/", {"q": query})
        assert STATUS_HEADER not in searched, "a search bypasses the page cache"
        assert len(listed_names(soup(searched))) < 156
        # Nothing tells a shared cache to keep it either.
        assert "public" not in searched.get("Cache-Control", "")

    plain = visitor.get("/")
    assert plain[STATUS_HEADER] == "hit"
    assert len(listed_names(soup(plain))) == 156
    assert soup(plain).select_one("input[name=q]")["value"] == ""


def test_the_filter_script_is_a_static_file_the_strict_policy_allows(client, seed_list):
    response = client.get("/")
    scripts = soup(response).select("script")
    assert [s["src"] for s in scripts if "list_filter" in s.get("src", "")]
    # No inline script and no nonce: the page is the same for everyone, so it can be stored.
    assert all(s.get("src") and not s.get("nonce") for s in scripts)
    assert "'unsafe-inline'" not in csp(response)["script-src"]
