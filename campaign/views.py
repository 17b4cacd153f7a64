"""Site-wide responses no app owns: robots.txt, the favicon and the server error page."""

import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
@cache_control(max_age=60 * 60, public=True)
def robots_txt(request):
    """Crawlers may read everything public; the admin is off limits. Points to the sitemap."""
    body = loader.render_to_string(
        "robots.txt", {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    )
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def favicon_ico(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the static file."""
    return HttpResponseRedirect(static("favicon.ico"))


def server_error(request, template_name="500.html"):
    """The designed error page, rendered from a standalone template without the database.

    No context processors and no site lookup run, so it still renders when the error is that
    the database is down; if even the stylesheet's URL fails, the page goes out unstyled.
    """
    try:
        stylesheet = static("css/site.css")
    except Exception:  # a missing static manifest must not hide the error page itself
        logger.exception("Could not find the stylesheet for the error page")
        stylesheet = ""
    context = {
        "stylesheet": stylesheet,
        "language": get_language() or "en",
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    return HttpResponseServerError(loader.get_template(template_name).render(context))
