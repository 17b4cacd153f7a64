"""Visiting a page and reading whether the page cache served it (the page cache's tests)."""

from campaign.caching.page_cache import STATUS_HEADER


def page_text(client, path="/", **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response, response.content.decode()


def cache_status(response):
    return response.headers.get(STATUS_HEADER)
