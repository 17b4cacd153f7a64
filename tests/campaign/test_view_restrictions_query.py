"""Our pages find their view restrictions in one query, by exactly Wagtail's rule."""

import pytest
from wagtail.models import Page, PageViewRestriction

from ..factories import TakeActionPageFactory


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )


def wagtails_rule(page):
    return set(Page.get_view_restrictions(page))


@pytest.fixture
def pages(site_pages):
    statement = site_pages["statement"]
    # A second section whose Take Action page is an alias of the first's.
    other = TakeActionPageFactory(parent=statement, slug="other-section", title="Other")
    alias = site_pages["take_action"].create_alias(parent=statement, update_slug="alias")
    return {**site_pages, "other": other, "alias": alias.specific}


def check_each_page_matches_wagtail(pages, django_assert_num_queries):
    for name, page in pages.items():
        expected = wagtails_rule(page)
        with django_assert_num_queries(1):
            found = set(page.get_view_restrictions())
        assert found == expected, name


def test_without_restrictions(pages, django_assert_num_queries):
    check_each_page_matches_wagtail(pages, django_assert_num_queries)


def test_a_restriction_on_the_root_page_applies_to_every_page(pages, django_assert_num_queries):
    restriction = restrict(pages["statement"])
    check_each_page_matches_wagtail(pages, django_assert_num_queries)
    assert restriction in set(pages["join"].get_view_restrictions())


def test_an_alias_takes_its_source_pages_restrictions_not_its_own(pages, django_assert_num_queries):
    restriction = restrict(pages["take_action"])
    check_each_page_matches_wagtail(pages, django_assert_num_queries)
    assert set(pages["alias"].get_view_restrictions()) == {restriction}
    assert not pages["other"].get_view_restrictions().exists()


def test_restrictions_on_the_page_and_an_ancestor_are_both_found(pages, django_assert_num_queries):
    restrict(pages["statement"])
    restrict(pages["join"])
    check_each_page_matches_wagtail(pages, django_assert_num_queries)
    assert pages["join"].get_view_restrictions().count() == 2


def test_the_privacy_dialog_can_still_order_them_by_depth(pages):
    # Wagtail's admin orders what this returns; it must stay a queryset of restrictions.
    inner, outer = restrict(pages["join"]), restrict(pages["statement"])
    ordered = list(pages["join"].get_view_restrictions().order_by("-page__depth"))
    assert ordered == [inner, outer]
