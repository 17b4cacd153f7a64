import logging
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from campaign import caching
from campaign.caching import form_copy
from campaign.rate_limits import client_ip, hit

from . import confirmation
from .forms import ChangeRequestForm, JoinForm
from .join_requests import store_request

logger = logging.getLogger(__name__)


def join_form_view(request, page):
    return _request_form_view(
        request,
        page,
        form_class=JoinForm,
        form_kwargs={"consent_label": page.consent_label},
        scope="join",
        template=None,
        thanks_route="thanks",
    )


def change_form_view(request, page):
    """The "remove or correct our listing" form, with the join form's traps and limits."""
    return _request_form_view(
        request,
        page,
        form_class=ChangeRequestForm,
        form_kwargs={},
        # Its own scope: a person may join and then correct without meeting the join limit.
        scope="change",
        template="signatories/join_page_change.html",
        thanks_route="change_thanks",
    )


def _request_form_view(
    request,
    page,
    *,
    form_class,
    form_kwargs,
    scope,
    template,
    thanks_route,
):
    """GET shows the form; a valid POST stores a pending request and redirects to thanks.

    Only a filled honeypot, a field no person sees, gets the thank-you redirect with nothing
    stored. Everything else is validated first: empty or invalid answers always come back with
    their errors. A valid request sent faster than a person usually fills in the form, or
    without a valid start time, is stored all the same, flagged for the editors
    (``sent_quickly``): autofill and returning visitors do that, and like any request it waits
    for its contact's emailed confirmation and an editor's decision. No one is thanked for a
    request that was thrown away. Each client address has its own limit, and all clients
    together a ceiling, so a flood from many addresses cannot bury the editors' queue either.
    ``store_request`` stores the request, or raises the form's ValidationError (already
    signed).
    """
    status = 200
    if request.method == "POST":
        thanks_url = page.url + page.reverse_subpage(thanks_route)
        form = form_class(request.POST, **form_kwargs)
        if form.honeypot_filled():
            logger.info("%s form: discarded a submission with the hidden field filled", scope)
            return redirect(thanks_url)
        if form.is_valid():
            refusal = _rate_limit_refusal(request, scope)
            if refusal:
                logger.warning("%s form: %s", scope, refusal.log)
                form.add_error(None, refusal.message)
                status = 429
            elif not form.spend_start_token():
                logger.info("%s form: a start token was sent again", scope)
                form.refuse_spent_token()
            else:
                try:
                    stored = store_request(form)
                except ValidationError as refusal:
                    form.add_error(None, refusal)
                else:
                    if stored.sent_quickly:
                        # The id only: the log keeps no one's name or address.
                        logger.info("%s request %s was sent quickly", scope, stored.pk)
                    return redirect(thanks_url)
        # Whatever sends it back, the form comes with a token that sending it again can spend.
        form.rearm()
    else:
        # A blank form is the same for everyone but its tokens: rendered with placeholders,
        # kept by the form cache, and filled in for each visitor.
        form = form_class(**form_kwargs)
        response = page.render(
            request, template=template, context_overrides=form_copy.blank_form_context(form)
        )
        return _private(form_copy.render_blank_form(request, response))
    response = page.render(request, template=template, context_overrides={"form": form})
    response.status_code = status
    return _private(response)


def _private(response):
    # The page holds a CSRF token and this visitor's answers: never share it from a cache.
    patch_cache_control(response, private=True, no_store=True)
    return response


class Refusal(NamedTuple):
    message: str
    log: str


def _rate_limit_refusal(request, scope):
    if not hit(scope, client_ip(request), settings.JOIN_RATE_LIMIT):
        message = _(
            "We have received several requests from your network in the last few minutes. "
            "Please wait a little and send the form again."
        )
        return Refusal(message, "rate limit reached for a client")
    if not hit(f"{scope}-all", "all", settings.JOIN_GLOBAL_RATE_LIMIT, shared_by_many=True):
        message = _(
            "We are receiving a great many requests right now. "
            "Please wait a few minutes and send the form again."
        )
        return Refusal(message, "global ceiling reached")
    return None


def join_thanks_view(request, page):
    # Where every person who joins lands: the same for all of them, so stored like the
    # statement page and served without a render until the page tree changes.
    return caching.allow_storing(page.render(request, template="signatories/join_page_thanks.html"))


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
    # The link is personal: keep it out of shared caches and other sites' referrers. Not
    # "no-referrer": under it the browser posts the button's form with "Origin: null", which
    # Django's CSRF check rightly refuses; "same-origin" sends the origin to this site only.
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "same-origin"
    return response


def change_thanks_view(request, page):
    return caching.allow_storing(
        page.render(request, template="signatories/join_page_change_thanks.html")
    )
