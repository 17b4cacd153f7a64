"""Recording a request to remove or correct a listing once the form has accepted it."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from ..models.signatory import Signatory
from .join_requests import store_request

UNLISTED = "unlisted"


def record_change_request(form):
    """Store the form's withdrawal or correction as pending, linked to the listing it names.

    A name that matches no signatory is still stored, flagged for the editor, who may know the
    organization under another name. Raises the form's ValidationError when the same request
    is already waiting (see ``store_request``).
    """
    change_request = form.join_request
    change_request.signatory = Signatory.objects.in_group_of(change_request).first()
    if change_request.signatory is None:
        change_request.review_flags.append(unlisted_flag(change_request))
    return store_request(change_request, form)


def unlisted_flag(change_request):
    # Stored for editors, so in the site's default language whatever the visitor's.
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "code": UNLISTED,
            "reason": _("No signatory named “%(name)s” is listed under %(group)s.")
            % {"name": change_request.name, "group": str(change_request.group_label)},
        }
