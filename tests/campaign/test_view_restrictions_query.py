"""Wagtail's view restrictions cost no query while the site has none, and are Wagtail's own
once one exists."""

import pytest
from wagtail.models import Page, PageViewRestriction

from campaign.view_restrictions import any_view_restrictions

from ..factories import TakeActionPageFactory


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )


@pytest.fixture
def pages(site_pages):
    statement = site_pages["statement"]
    # A second section, and an alias of the first's Take Action page.
    other = TakeActionPageFactory(parent=statement, slug="other-section", title="Other")
    alias = site_pages["take_action"].create_alias(parent=statement, update_slug="alias")
    return {**site_pages, "other": other, "alias": alias.specific}


def matches_wagtail_for_every_page(pages):
    for name, page in pages.items():
        assert set(page.get_view_restrictions()) == set(Page.get_view_restrictions(page)), name
    return True


def test_without_restrictions_a_page_asks_no_query(pages, django_assert_num_queries):
    any_view_restrictions()
    with django_assert_num_queries(0):
        assert not pages["join"].get_view_restrictions()
    assert matches_wagtail_for_every_page(pages)


def test_a_new_restriction_is_seen_at_once(pages):
    assert not pages["join"].get_view_restrictions()
    restriction = restrict(pages["statement"])
    assert set(pages["join"].get_view_restrictions()) == {restriction}
    assert matches_wagtail_for_every_page(pages)


def test_an_alias_takes_its_source_pages_restrictions_not_its_own(pages):
    restriction = restrict(pages["take_action"])
    assert set(pages["alias"].get_view_restrictions()) == {restriction}
    assert not pages["other"].get_view_restrictions().exists()
    assert matches_wagtail_for_every_page(pages)


def test_a_deleted_restriction_is_forgotten(pages, django_assert_num_queries):
    restriction = restrict(pages["join"])
    assert set(pages["join"].get_view_restrictions()) == {restriction}
    restriction.delete()
    any_view_restrictions()
    with django_assert_num_queries(0):
        assert not pages["join"].get_view_restrictions()


def test_the_privacy_dialog_can_still_order_them_by_depth(pages):
    # Wagtail's admin orders what this returns; it must stay a queryset of restrictions.
    inner, outer = restrict(pages["join"]), restrict(pages["statement"])
    ordered = list(pages["join"].get_view_restrictions().order_by("-page__depth"))
    assert ordered == [inner, outer]
    assert list(pages["other"].get_view_restrictions().order_by("-page__depth")) == [outer]
