"""Admin pages render with the production static storage, not only with the tests' plain one.

Production serves static files from whitenoise's manifest storage after `collectstatic`: a
template that names a file nobody collected is a 500 there ("Missing staticfiles manifest
entry"), while the tests' StaticFilesStorage happily prints a URL that 404s.
"""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.admin.menu import SubmenuMenuItem, admin_menu

from signatories.joining.email_tasks import send_due_emails
from signatories.models import JoinRequest

from ...factories import JoinRequestFactory, UserFactory

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def production_static(static_root):
    """Settings that make static URLs come from the collected manifest, as in production."""
    return override_settings(
        STATIC_ROOT=static_root,
        STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}},
        # Serve only what collectstatic gathered, read once, as production does.
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    )


# The production collectstatic takes most of a minute: once for the module, in make test-slow.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """STATIC_ROOT after the production `collectstatic` (slow: once for the module)."""
    static_root = tmp_path_factory.mktemp("static")
    with production_static(static_root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


@pytest.fixture(autouse=True)
def manifest_storage(collected_static):
    # Overriding STORAGES sends setting_changed, which makes Django drop its cached storage.
    with production_static(collected_static):
        yield


def static_paths(html):
    return sorted(set(re.findall(r'(/static/[^"\'\s)?#]+)', html)))


def assert_static_files_served(client, html):
    """Every static file the page names is one production serves."""
    for path in static_paths(html):
        response = client.get(path)
        assert response.status_code == 200, path
        # Read to the end, as a browser does: the test client then closes the file without
        # the end-of-request signal that would close the test's database connection.
        assert response.getvalue(), path


def test_static_urls_come_from_the_manifest_so_uncollected_files_fail_loudly():
    # Without this, the other tests would pass with the storage that hides the bug.
    assert re.fullmatch(
        r"/static/wagtailadmin/js/core\.[0-9a-f]{12}\.js", static("wagtailadmin/js/core.js")
    )
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        static("admin/img/icon-no.svg")


# The join request queue


@pytest.fixture
def signatory_editor_client(client, db):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    return client


def queue_rows(html):
    rows = re.findall(r"<tr[^>]*>.*?</tr>", html, flags=re.S)
    return {
        name: row for row in rows for name in re.findall(r"Requester (\w+)", row) if "<td" in row
    }


def confirmed_cell(row):
    match = re.search(r'<td class="field-confirmed[^"]*"[^>]*>(.*?)</td>', row, flags=re.S)
    assert match, "no Confirmed cell in the row"
    return re.sub(r"<[^>]+>", " ", match.group(1)).split()


def test_join_request_queue_shows_each_requests_confirmation_in_words(
    signatory_editor_client, site_pages
):
    JoinRequestFactory(name="Requester Pending")
    JoinRequestFactory(name="Requester Unconfirmed", unconfirmed=True)
    JoinRequestFactory(name="Requester Approved", status=JoinRequest.Status.APPROVED)
    JoinRequestFactory(
        name="Requester Rejected", status=JoinRequest.Status.REJECTED, unconfirmed=True
    )

    response = signatory_editor_client.get(reverse("signatories_joinrequest_modeladmin_index"))

    assert response.status_code == 200
    html = response.content.decode()
    rows = queue_rows(html)
    assert {name: confirmed_cell(row) for name, row in rows.items()} == {
        "Pending": ["Confirmed"],
        "Unconfirmed": ["Not", "confirmed"],
        "Approved": ["Confirmed"],
        "Rejected": ["Not", "confirmed"],
    }
    assert_static_files_served(signatory_editor_client, html)


def test_join_request_queue_filters_by_confirmation(signatory_editor_client, site_pages):
    JoinRequestFactory(name="Requester Confirmed")
    JoinRequestFactory(name="Requester Unconfirmed", unconfirmed=True)
    url = reverse("signatories_joinrequest_modeladmin_index")

    confirmed = signatory_editor_client.get(url + "?confirmed=yes")
    unconfirmed = signatory_editor_client.get(url + "?confirmed=no")

    assert confirmed.status_code == unconfirmed.status_code == 200
    assert set(queue_rows(confirmed.content.decode())) == {"Confirmed"}
    assert set(queue_rows(unconfirmed.content.decode())) == {"Unconfirmed"}


# Settings → Background tasks


@pytest.fixture
def queued_task(db):
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        result = send_due_emails.enqueue()
    return DBTaskResult.objects.get(pk=result.id)


def task_url(action, *args):
    return reverse(f"django_tasks_database_dbtaskresult_modeladmin_{action}", args=args)


def test_a_superuser_finds_a_queued_task_in_background_tasks_and_opens_it(
    admin_client, queued_task
):
    response = admin_client.get(task_url("index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "signatories.joining.email_tasks.send_due_emails" in html
    assert task_url("inspect", queued_task.pk) in html
    assert_static_files_served(admin_client, html)
    inspect = admin_client.get(task_url("inspect", queued_task.pk))
    assert inspect.status_code == 200
    assert "signatories.joining.email_tasks.send_due_emails" in inspect.content.decode()
    history = admin_client.get(task_url("history", queued_task.pk))
    assert history.status_code == 200
    assert str(queued_task.pk) in history.content.decode()


# Every page of the admin menu


def menu_urls(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = []
    items = list(admin_menu.menu_items_for_request(request))
    while items:
        item = items.pop(0)
        if isinstance(item, SubmenuMenuItem):
            items.extend(item.menu.menu_items_for_request(request))
        elif item.url.startswith(reverse("wagtailadmin_home")):
            urls.append(item.url)
    return urls


def test_every_admin_menu_page_renders_with_the_production_storage(
    admin_client, admin_user, site_pages, queued_task
):
    JoinRequestFactory(name="Requester Pending")
    JoinRequestFactory(name="Requester Unconfirmed", unconfirmed=True)
    urls = menu_urls(admin_user)
    assert task_url("index") in urls

    for url in [reverse("wagtailadmin_home"), *urls]:
        # A site setting's menu item redirects to the current site's own form.
        assert admin_client.get(url, follow=True).status_code == 200, url
