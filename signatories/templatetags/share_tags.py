"""Share links for the statement, saying how many have signed."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaign.sharing import share_links as links_for

from ..public_list import published_count
from .signatory_tags import shows_signatory_count

register = template.Library()


def share_text(count, title):
    """What a person shares: the live count (when there is one to give) and the title."""
    if not count:
        return _("Read “%(title)s” and add your organization.") % {"title": title}
    return ngettext(
        "%(count)d organization has signed “%(title)s”. Read it and add yours.",
        "%(count)d organizations have signed “%(title)s”. Read it and add yours.",
        count,
    ) % {"count": count, "title": title}


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, page, heading="", message=""):
    """A heading, the share text and links sharing ``page`` (the statement): by email with
    its title as the subject, on social networks, and a copy-link button. ``message``
    replaces the text that gives the live count."""
    url = page.get_full_url(context.get("request"))
    # The count only where the statement's own list shows it (an editor may turn it off).
    count = published_count() if shows_signatory_count(page.specific_deferred) else 0
    text = message or share_text(count, page.title)
    return {
        "heading": heading or _("Share the statement"),
        "text": text,
        "url": url,
        "links": links_for(url, page.title, text),
    }
