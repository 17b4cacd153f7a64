"""The head tags that describe a page to search engines and share cards."""

from urllib.parse import urljoin

from django import template
from django.utils.translation import get_language, to_locale
from wagtail.models import Site

from ..share_card import HEIGHT, WIDTH, card_for, card_url
from .language_links import localized_home

register = template.Library()

# Open Graph's recommended size: sharp on large screens, cropped to the same 1.91:1 everywhere.
SHARE_IMAGE_FILTER = "fill-1200x630"


def canonical_url(page, request):
    """The page's absolute URL on its site, with a routable page's sub-path kept
    (/join/change/ is its own page, not a copy of /join/), and never a query string."""
    parts = page.get_url_parts(request)
    if not parts or parts[1] is None:
        return ""
    _site_id, root_url, page_path = parts
    path = request.path if request and request.path.startswith(page_path) else page_path
    return root_url + path


def share_image(page, root_url):
    """The share image an editor uploaded, cropped for cards, with an absolute URL, or None."""
    image = getattr(page, "share_image", None)
    if image is None:
        return None
    rendition = image.get_rendition(SHARE_IMAGE_FILTER)
    return {
        "url": urljoin(root_url + "/", rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def og_locale(language):
    """Open Graph wants language_TERRITORY; the campaign's audience is in the United States."""
    locale = to_locale(language or "en")
    return locale if "_" in locale else f"{locale}_US"


def drawn_share_image(context, organizer, root_url):
    """The share image the site draws for the statement in the active language."""
    home = localized_home(context)
    if home is None:
        return None
    page = context.get("page")
    # On the statement itself its body is loaded already; elsewhere it is read when needed.
    if page is not None and page.pk == home.pk:
        statement = page
    else:
        statement = home.specific_class.objects.get(pk=home.pk)
    card = card_for(statement, organizer)
    return {
        "url": card_url(root_url, card),
        "width": WIDTH,
        "height": HEIGHT,
        "alt": f"{card.title}: {card.count_text}" if card.count_text else card.title,
    }


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    """Description, canonical link, Open Graph and Twitter card tags for ``page``: the
    share image is the editor's, else the one the site draws; the description the page's,
    else the organizer's."""
    page = context.get("page")
    request = context.get("request")
    if page is None or request is None:
        return {}
    page = page.specific_deferred
    url = canonical_url(page, request)
    site = Site.find_for_request(request)
    root_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    title = page.seo_title or page.title
    organizer = context.get("organizer")
    fallback = organizer.description if organizer is not None else ""
    description = getattr(page, "meta_description", page.search_description) or fallback
    image = share_image(page, root_url)
    if image is None and organizer is not None:
        image = drawn_share_image(context, organizer, root_url)
    return {
        "title": title,
        "description": description,
        "share_description": getattr(page, "share_description", "") or description,
        "canonical_url": url,
        "site_name": site.site_name if site and site.site_name else "",
        "locale": og_locale(get_language()),
        "image": image,
        "og_type": "website",
    }
