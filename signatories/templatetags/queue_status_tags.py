"""The join-request queue's status lines (signatories.admin.queue_status)."""

from django import template
from django.utils.html import format_html_join

from ..admin.queue_status import queue_status_components

register = template.Library()


@register.simple_tag(takes_context=True)
def join_request_queue_status(context):
    components = queue_status_components(context["request"])
    return format_html_join(
        "", "{}", ((component.render_html(context),) for component in components)
    )
