"""A CDN in front is purged when the statement or its list changes, and only when configured."""

from django.test import override_settings

from campaign.caching.generation import purge_frontend_cache
from signatories.admin import moderation

from ...cdn_helpers import paths
from ...factories import JoinRequestFactory, SignatoryFactory


def test_approval_purges_the_statement_and_the_open_data(
    site_pages, cdn, editor, django_capture_on_commit_callbacks
):
    request = JoinRequestFactory(name="Tucson Sanctuary Network", state="AZ")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(request, editor)
    assert {"/", "/signatories.json", "/signatories.csv", "/embed/", "/es/embed/"} <= paths(cdn)
    assert {host for host, _ in cdn} == {"localhost"}
    # One purge per transaction, however many rows the approval wrote.
    assert len(cdn) == len(paths(cdn))


def test_both_languages_of_the_statement_are_purged(
    spanish_statement, cdn, editor, django_capture_on_commit_callbacks
):
    signatory = SignatoryFactory(name="Casa Latina", state="WA")
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signatory.save_revision(user=editor).publish(user=editor)
    assert {"/", "/es/"} <= paths(cdn)


def test_publishing_the_statement_purges_it(
    site_pages, cdn, editor, django_capture_on_commit_callbacks
):
    statement = site_pages["statement"]
    statement.body = [("paragraph", "<p>Revised.</p>")]
    with django_capture_on_commit_callbacks(execute=True):
        statement.save_revision(user=editor).publish(user=editor)
    assert "/" in paths(cdn)


def test_unpublishing_a_signatory_purges_the_statement(
    site_pages, cdn, editor, django_capture_on_commit_callbacks
):
    signatory = SignatoryFactory(name="Casa Latina", state="WA")
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signatory.unpublish(user=editor)
    assert {"/", "/signatories.json"} <= paths(cdn)


def test_a_rolled_back_change_purges_nothing(site_pages, cdn, editor):
    cdn.clear()
    # Without the commit (the test's transaction is never committed) nothing is sent.
    SignatoryFactory(name="Casa Latina", state="WA")
    assert cdn == []


def test_nothing_is_sent_when_no_cdn_is_configured(site_pages, purge_server, editor):
    with override_settings(WAGTAILFRONTENDCACHE={}):
        purge_frontend_cache()
        SignatoryFactory(name="Casa Latina", state="WA")
    assert purge_server.purged == []
