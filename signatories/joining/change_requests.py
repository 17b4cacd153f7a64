"""Recording a request to remove or correct a listing once the form has accepted it."""

from ..models.signatory import Signatory
from .join_requests import store_request
from .review_flags import unlisted_flag


def record_change_request(form):
    """Store the form's withdrawal or correction as pending, linked to the listing it names.

    A name that matches no signatory is still stored, flagged for the editor, who may know the
    organization under another name. The same request already waiting gets this one attached
    to it (see ``store_request``).
    """
    change_request = form.join_request
    change_request.signatory = Signatory.objects.in_group_of(change_request).first()
    if change_request.signatory is None:
        change_request.review_flags.append(unlisted_flag(change_request))
    return store_request(change_request, form)
