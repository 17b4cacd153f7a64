import logging

from django.conf import settings
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from . import confirmation
from .forms import JoinForm
from .joining import record_join_request
from .ratelimit import client_ip, hit

logger = logging.getLogger(__name__)


def join_form_view(request, page):
    """GET shows the form; a valid POST stores a pending request and redirects to thanks."""
    thanks_url = page.url + page.reverse_subpage("thanks")
    status = 200
    if request.method == "POST":
        form = JoinForm(request.POST, consent_label=page.consent_label)
        if form.looks_automated():
            # Bots get the same thank-you as people, so they learn nothing from the response.
            logger.info("join form: discarded an automated submission")
            return redirect(thanks_url)
        if form.is_valid():
            if not hit("join", client_ip(request), settings.JOIN_RATE_LIMIT):
                logger.warning("join form: rate limit reached for a client")
                form.add_error(
                    None,
                    _(
                        "We have received several requests from your network in the last few "
                        "minutes. Please wait a little and send the form again."
                    ),
                )
                status = 429
            elif record_join_request(form) is None:
                form.add_error(
                    None,
                    _("We have already received a request to add this organization."),
                )
            else:
                return redirect(thanks_url)
    else:
        form = JoinForm(consent_label=page.consent_label)
    response = page.render(request, context_overrides={"form": form})
    response.status_code = status
    # The page holds a CSRF token and this visitor's answers: never share it from a cache.
    patch_cache_control(response, private=True, no_store=True)
    return response


def join_thanks_view(request, page):
    return page.render(request, template="signatories/join_page_thanks.html")


def join_confirm_view(request, page, token):
    """The emailed link: GET only shows a button, so mail scanners that follow links
    confirm nothing; the visitor's POST confirms."""
    error, confirmed = None, None
    try:
        if request.method == "POST":
            confirmed = confirmation.confirm(token)
            logger.info("join request %s confirmed by its contact", confirmed.pk)
        else:
            pending = confirmation.request_for_token(token)
    except confirmation.ConfirmationError as exc:
        error = str(exc)
    response = page.render(
        request,
        template="signatories/join_page_confirm.html",
        context_overrides={
            "confirm_error": error,
            "confirmed_request": confirmed,
            "pending_request": None if error or confirmed else pending,
        },
    )
    # The link is personal: keep it out of shared caches and referrers.
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "no-referrer"
    return response
