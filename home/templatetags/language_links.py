"""The current page in each site language, for the header, the switcher and hreflang tags,
and the header's menu: the live pages in the menu under the home page of the active language.

What these show of other pages (URLs, titles) only changes when a page is published, moved or
deleted, which starts a new cache generation, so it is kept for the generation as plain values
(``campaign.caching.cached``), never as page objects: a page rendered again asks no query for
its header.
"""

import datetime
from dataclasses import dataclass, replace

from django import template
from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from campaign import caching

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    full_url: str
    current: bool
    translated: bool  # the current page exists in this language (not just its home page)


@dataclass(frozen=True)
class PageLink:
    """Another page as the header, footer and share tags show it."""

    pk: int
    title: str
    url: str
    specific_class: type | None
    last_published_at: datetime.datetime | None = None
    # A menu page whose title is still the default language's (shown lang="en").
    english_title: bool = False


@dataclass(frozen=True)
class Languages:
    links: list
    home: PageLink | None  # the site's home page in the active language
    menu: list  # the home page's live children shown in menus, in tree order


@register.simple_tag(takes_context=True)
def language_links(context):
    """Each language's version of the current page when it has one, else that language's home.

    A routed sub-page (``/es/join/change/``) keeps its sub-path.
    """
    return _languages(context).links


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """The languages this very page exists in, when there are at least two (for hreflang)."""
    translated = [link for link in language_links(context) if link.translated]
    return translated if len(translated) > 1 else []


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The site's home page in the active language (the default one's when not translated)."""
    return _languages(context).home


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The header's menu: the live children of the localized home page shown in menus."""
    return _languages(context).menu


def _languages(context):
    # Memoized on the request: the header, the switcher and the <head> all ask.
    request = context.get("request")
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    memo = getattr(request, "_campaign_languages", {}) if request is not None else {}
    key = (page.pk if page else None, get_language())
    if key not in memo:
        memo[key] = _for_request(request, page)
        if request is not None:
            request._campaign_languages = memo
    return memo[key]


def _for_request(request, page):
    if request is None:
        return _build(request, page)
    page_pk = page.pk if page else None
    languages = caching.cached(
        f"languages:{request.get_host()}:{page_pk}:{get_language()}",
        lambda: _build(request, page),
    )
    # A routed sub-page (/es/join/change/) keeps its sub-path in the languages it exists in;
    # it is the request's own, so it is added here, not kept with the generation's values.
    sub_path = _routed_sub_path(request, page)
    if not sub_path:
        return languages
    links = [
        replace(link, url=link.url + sub_path) if link.translated else link
        for link in languages.links
    ]
    return replace(languages, links=links)


def _build(request, page):
    site = Site.find_for_request(request) if request is not None else None
    root = site.root_page if site else None
    translations, homes, menus, default_titles = _live_translations(page, root)
    active = get_language()
    links = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        links.append(
            LanguageLink(
                code=code,
                name=get_language_info(code)["name_local"],
                url=target.get_url(request),
                full_url=target.get_full_url(request),
                current=code == active,
                translated=code in translations,
            )
        )
    home = homes.get(active) or root
    menu = menus.get(home.path) if home else []
    if menu is None:
        # A translated home page that is not a sibling of the site's root page (moved
        # elsewhere by hand): its children were not in the shared query.
        menu = list(home.get_children().live().in_menu())
    menu_links = [
        _page_link(
            item,
            request,
            english_title=item.locale.language_code != settings.LANGUAGE_CODE
            and default_titles.get(item.translation_key) == item.title,
        )
        for item in menu
    ]
    home_link = _page_link(home, request) if home else None
    return Languages(links=links, home=home_link, menu=menu_links)


def _page_link(page, request, english_title=False):
    return PageLink(
        pk=page.pk,
        title=page.title,
        url=page.get_url(request),
        specific_class=page.specific_class,
        last_published_at=page.last_published_at,
        english_title=english_title,
    )


def _live_translations(page, root):
    """The page's and the home page's live translations ({language: page} each), by the
    path of each home page its live children shown in menus, and the default language's
    titles of those children by translation key: all from one query.

    Wagtail puts each language's home page beside the site's root page, so the menu pages of
    every language are the live in-menu grandchildren of the root page's parent."""
    keys = {p.translation_key for p in (page, root) if p is not None}
    wanted = Q(translation_key__in=keys)
    if root is not None:
        parent_path = root.path[: -Page.steplen]
        wanted |= Q(path__startswith=parent_path, depth=root.depth + 1, show_in_menus=True)
    by_key = {key: {} for key in keys}
    menus = {root.path: []} if root is not None else {}
    default_titles = {}
    # Ordered by path: each home page comes before its children.
    pages = Page.objects.live().filter(wanted).select_related("locale").order_by("path")
    for found in pages:
        if found.translation_key in by_key:
            by_key[found.translation_key][found.locale.language_code] = found
        if root is None:
            continue
        if found.translation_key == root.translation_key and found.depth == root.depth:
            menus.setdefault(found.path, [])
        elif found.depth == root.depth + 1 and found.show_in_menus:
            siblings = menus.get(found.path[: -Page.steplen])
            if siblings is not None:
                siblings.append(found)
            if found.locale.language_code == settings.LANGUAGE_CODE:
                default_titles[found.translation_key] = found.title
    return (
        by_key[page.translation_key] if page else {},
        by_key[root.translation_key] if root else {},
        menus,
        default_titles,
    )


def _routed_sub_path(request, page):
    """What follows the page's own URL in the request path, e.g. "change/" on a join page."""
    if page is None:
        return ""
    page_url = page.get_url(request) or ""
    if page_url and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""
