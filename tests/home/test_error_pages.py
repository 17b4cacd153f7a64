"""The designed error pages: a missing page's 404, and the 500 page with the database down."""

from contextlib import contextmanager

from django.db import OperationalError, connection

from .page_outline import PageOutline, outline


def test_missing_page_gets_the_designed_404(client, site):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    page = outline(response)
    assert page.h1s() == ["Page not found"]
    assert page.link("stylesheet")
    assert 'href="/"' in response.content.decode()


@contextmanager
def database_down():
    """Every attempt to use the database raises, as when its server has gone away."""
    attempts = []
    real_cursor = connection._cursor

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OperationalError("could not connect to server: Connection refused")

    connection._cursor = refuse
    try:
        yield attempts
    finally:
        connection._cursor = real_cursor


def test_server_error_page_renders_with_the_database_down(client, site):
    client.raise_request_exception = False

    with database_down() as attempts:
        response = client.get("/")

    assert attempts, "the request never reached the database: nothing was broken"
    assert response.status_code == 500
    html = response.content.decode()
    page = PageOutline(html)
    assert page.h1s() == ["Something went wrong"]
    assert [link["href"] for link in page.link("stylesheet")] == ["/static/css/site.css"]
    assert 'href="/"' in html
    assert "Traceback" not in html and "OperationalError" not in html
