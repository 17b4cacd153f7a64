"""Values every public template may show."""

from django.utils.functional import SimpleLazyObject

from .organizer import organizer_for


def organizer(request):
    """``organizer``: who runs the site (header, footer, join form), read only if a template
    shows it, so the admin and the open data files never pay for it."""
    return {"organizer": SimpleLazyObject(lambda: organizer_for(request))}
