"""View restrictions read in one query (home.view_restrictions) are exactly
Wagtail's: the page's and its ancestors', an alias's being those of the page it copies."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home.models import StatementPage, TakeActionPage


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="s3cret")


def ours_and_wagtails(page):
    page = Page.objects.get(pk=page.pk).specific
    ours = set(page.get_view_restrictions())
    wagtails = set(Page.get_view_restrictions(page))
    return ours, wagtails


@pytest.fixture
def mirror(site_pages):
    """A section with a page in it, the section aliased with its page under the tree's root,
    and an alias of an alias of that page's alias."""
    root = Page.get_first_root_node()
    section = root.add_child(instance=Page(title="Section", slug="section"))
    inner = section.add_child(instance=TakeActionPage(title="Inner", slug="inner"))
    mirror = section.create_alias(parent=root, update_slug="mirror", recursive=True)
    inner_alias = TakeActionPage.objects.child_of(mirror).get()
    second = inner_alias.create_alias(update_slug="again")
    third = second.create_alias(update_slug="once-more")
    return {
        "section": section,
        "inner": inner,
        "mirror": mirror,
        "inner_alias": inner_alias,
        "third": third,
    }


def test_no_restriction_in_one_query(site_pages, django_assert_num_queries):
    page = StatementPage.objects.get(pk=site_pages["statement"].pk)
    with django_assert_num_queries(1):
        assert list(page.get_view_restrictions()) == []


def test_restrictions_of_the_page_and_of_every_ancestor(site_pages):
    on_statement = restrict(site_pages["statement"], PageViewRestriction.LOGIN)
    on_take_action = restrict(site_pages["take_action"])
    on_join = restrict(site_pages["join"])

    ours, wagtails = ours_and_wagtails(site_pages["take_action"])
    assert ours == wagtails == {on_statement, on_take_action}
    ours, wagtails = ours_and_wagtails(site_pages["statement"])
    assert ours == wagtails == {on_statement}
    assert on_join not in ours
    ours, wagtails = ours_and_wagtails(site_pages["join"])
    assert ours == wagtails == {on_statement, on_join}
    # The admin's privacy dialog orders them, nearest page first.
    take_action = TakeActionPage.objects.get(pk=site_pages["take_action"].pk)
    nearest_first = take_action.get_view_restrictions().order_by("-page__depth")
    assert list(nearest_first) == [on_take_action, on_statement]


def test_an_alias_has_its_source_pages_restrictions_and_not_its_own(mirror):
    on_section = restrict(mirror["section"], PageViewRestriction.GROUPS)
    on_section.groups.add(Group.objects.create(name="Insiders"))
    on_inner = restrict(mirror["inner"])
    # Wagtail ignores a restriction stored on an alias itself: its source's apply.
    on_the_alias = restrict(mirror["inner_alias"])
    on_the_mirror = restrict(mirror["mirror"], PageViewRestriction.LOGIN)

    for page in (mirror["inner"], mirror["inner_alias"], mirror["third"]):
        ours, wagtails = ours_and_wagtails(page)
        assert ours == wagtails, page
        assert on_the_alias not in ours and on_the_mirror not in ours
    # The alias's parent is an alias of the section: the section's restriction applies.
    assert ours_and_wagtails(mirror["inner_alias"])[0] == {on_section, on_inner}


def test_an_alias_of_an_alias_of_an_alias_follows_the_chain_to_its_source(mirror):
    on_inner = restrict(mirror["inner"])
    chain = Page.objects.get(pk=mirror["third"].pk)
    assert chain.alias_of.alias_of.alias_of_id == mirror["inner"].pk

    ours, wagtails = ours_and_wagtails(chain)
    assert ours == wagtails == {on_inner}


def test_a_restricted_statement_page_is_not_shown_with_every_cache_empty(client, site_pages):
    client.get("/")
    restrict(site_pages["statement"])
    for cache in caches.all():
        cache.clear()

    response = client.get("/")

    assert 'name="password"' in response.content.decode()
    assert "We stand together." not in response.content.decode()


def test_the_statement_page_reads_its_restrictions_in_one_query(client, site_pages):
    client.get("/")
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    # Wagtail's own check first reads the ancestors' aliases in a query of their own.
    assert not any(
        q.startswith('SELECT "wagtailcore_page"."id", "wagtailcore_page"."alias_of_id"')
        for q in sql
    )
    assert len([q for q in sql if "wagtailcore_pageviewrestriction" in q]) == 1


def test_a_page_made_private_is_never_served_from_the_page_cache_again(client, site_pages):
    assert "We stand together." in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    restriction = restrict(site_pages["statement"])

    response = client.get("/")
    assert 'name="password"' in response.content.decode()
    assert "We stand together." not in response.content.decode()

    restriction.delete()
    assert "We stand together." in client.get("/").content.decode()
