"""Template tags that show facts about the signatory list outside the list itself."""

from django import template
from django.forms import CheckboxInput

from ..models import JoinPage
from ..public_list import published_count

register = template.Library()


def shows_signatory_count(page):
    """Whether the page's body holds the list with its count turned on, read from the raw
    data without building the blocks."""
    body = getattr(page, "body", None)
    raw = getattr(body, "raw_data", None) or []
    return any(
        block.get("type") == "signatory_list" and (block.get("value") or {}).get("show_count", True)
        for block in raw
    )


@register.inclusion_tag("includes/signed_count.html", takes_context=True)
def signed_count(context, page):
    """'156 organizations have signed', linking to the list on ``page``, when its list block
    shows the count.
    """
    if not shows_signatory_count(page):
        return {}
    return {"count": published_count(), "show": True}


@register.filter
def is_join_page(page):
    """Whether a (possibly generic) page is the join page: the header shows it as a button."""
    return issubclass(page.specific_class or type(page), JoinPage)


@register.filter
def error_links(form):
    """(field id, label, message) for every field error, for a summary linking to the fields.

    A group of radio buttons is reached through its first button. A checkbox's label is a
    whole sentence, so its message stands alone.
    """
    links = []
    for field in form.visible_fields_for_people:
        target = f"{field.auto_id}_0" if field.use_fieldset else field.id_for_label
        label = "" if isinstance(field.field.widget, CheckboxInput) else field.label
        links += [(target, label, error) for error in field.errors]
    return links
