"""The embeddable widget: a small page partner organizations put in an iframe on their sites.

It shows how many organizations have signed and a button to the join page. It is the one
public page other sites may frame; every other page still refuses to be framed.
"""

from csp.decorators import csp_replace
from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from wagtail.admin.auth import require_admin_access
from wagtail.models import Site

from campaign.caching import cached

from .models import JoinPage
from .state_map import published_counts
from .statement import live_statement

# What the admin offers to copy: (label, width attribute, height attribute, extra style).
EMBED_SIZES = [
    (gettext_lazy("Box, for a sidebar"), "300", "220", "border:0"),
    (gettext_lazy("Banner, full width"), "100%", "150", "border:0;max-width:640px"),
]


def widget_facts():
    """The count and the pages the widget links to, rebuilt when the list changes.

    Paths are kept, not full URLs: the page a partner frames is requested from our own host,
    so the request builds the full URL.
    """
    join = JoinPage.objects.live().first()
    statement = live_statement()
    return {
        "count": sum(published_counts().values()),
        "join_path": join.localized.get_url() if join else None,
        "statement_path": statement.localized.get_url() if statement else None,
        "statement_title": statement.localized.title if statement else "",
    }


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@cache_control(public=True, max_age=300)
def embed_widget(request):
    facts = cached(f"embed:{get_language()}", widget_facts)
    absolute = request.build_absolute_uri
    return TemplateResponse(
        request,
        "signatories/embed.html",
        {
            "signatory_count": facts["count"],
            "join_url": absolute(facts["join_path"]) if facts["join_path"] else None,
            "statement_url": absolute(facts["statement_path"]) if facts["statement_path"] else None,
            "statement_title": facts["statement_title"],
        },
    )


def embed_snippets(url, title):
    """The copy-paste <iframe> code for each size, as text to show (the template escapes it
    again for display, so the editor sees and copies exactly this)."""
    return [
        {
            "label": label,
            "width": width,
            "height": height,
            "style": style,
            # An f-string, not format_html: the result must be plain text, not marked safe.
            "code": (
                f'<iframe src="{escape(url)}" title="{escape(title)}" width="{width}" '
                f'height="{height}" style="{style}" loading="lazy"></iframe>'
            ),
        }
        for label, width, height, style in EMBED_SIZES
    ]


@require_admin_access
def embed_code_view(request):
    """For any editor: the widget's iframe code to send to partners, and a live preview."""
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("embed")
    site = Site.objects.filter(is_default_site=True).first()
    site_name = (site and site.site_name) or settings.WAGTAIL_SITE_NAME
    title = _("%(site)s: organizations that have signed") % {"site": site_name}
    return TemplateResponse(
        request,
        "signatories/admin/embed_code.html",
        {
            "page_title": _("Embeddable widget"),
            "embed_url": url,
            "preview_path": reverse("embed"),
            "snippets": embed_snippets(url, title),
        },
    )
