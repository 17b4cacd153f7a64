"""The current page in each site language, for the header, the switcher and hreflang tags,
and the header's menu: the live pages in the menu under the home page of the active language."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

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
class Languages:
    links: list
    home: Page | None  # the site's home page in the active language
    menu: list  # the home page's live children shown in menus, in tree order
    # The pks of menu pages whose title is still the default language's (shown lang="en").
    untranslated_menu: frozenset = frozenset()


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


@register.simple_tag(takes_context=True)
def untranslated_menu_pages(context):
    """The pks of the menu's pages whose title is the same as in the default language."""
    return _languages(context).untranslated_menu


def _languages(context):
    # Memoized on the request: the header, the switcher and the <head> all ask, and one query
    # finds the translations of both the page and the home page, and the menu's pages.
    request = context.get("request")
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    memo = getattr(request, "_campaign_languages", {}) if request is not None else {}
    key = (page.pk if page else None, get_language())
    if key not in memo:
        memo[key] = _build(request, page)
        if request is not None:
            request._campaign_languages = memo
    return memo[key]


def _build(request, page):
    site = Site.find_for_request(request) if request is not None else None
    root = site.root_page if site else None
    translations, homes, menus, default_titles = _live_translations(page, root)
    sub_path = _routed_sub_path(request, page)
    active = get_language()
    links = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        target = translations.get(code)
        extra = sub_path if target else ""
        target = target or homes.get(code)
        if target is None:
            continue
        links.append(
            LanguageLink(
                code=code,
                name=get_language_info(code)["name_local"],
                url=target.get_url(request) + extra,
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
    untranslated = frozenset(
        item.pk
        for item in menu
        if item.locale.language_code != settings.LANGUAGE_CODE
        and default_titles.get(item.translation_key) == item.title
    )
    return Languages(links=links, home=home, menu=menu, untranslated_menu=untranslated)


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
    if request is None or page is None:
        return ""
    page_url = page.get_url(request) or ""
    if page_url and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""
