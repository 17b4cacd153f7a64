"""Bot traps shared by the public forms: a hidden field and a signed, single-use start time."""

import hashlib
import logging
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from campaign.cache_backends import claim

logger = logging.getLogger(__name__)

_TIMING_SALT = "signatories.join.started"
_SPENT_KEY = "signatories:started-spent:"


def sign_started_at(now=None):
    """A token for a form served at ``now``: signed, and unique to this render (its nonce), so
    each render's token can be spent once."""
    started = now if now is not None else time.time()
    return signing.dumps({"t": started, "n": secrets.token_urlsafe(12)}, salt=_TIMING_SALT)


def started_at(token):
    """The time a token says its form was served, or None if it is missing or forged."""
    try:
        payload = signing.loads(token or "", salt=_TIMING_SALT)
    except signing.BadSignature:
        return None
    # A bare number is a token signed before tokens carried a nonce.
    started = payload.get("t") if isinstance(payload, dict) else payload
    if isinstance(started, bool) or not isinstance(started, int | float):
        return None
    return started


class BotTrapForm(forms.Form):
    """Base of the public forms: two bot traps beside the fields a person fills in.

    ``homepage`` is hidden from people and must stay empty (``honeypot_filled``), and
    ``started`` is a signed time the form was served (``sent_quickly``), good for one request
    (``spend_start_token``).
    """

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = sign_started_at()

    @property
    def visible_fields_for_people(self):
        return [field for field in self.visible_fields() if field.name != "homepage"]

    def form_age(self):
        """Seconds since the form was served, or None if its signed start time is missing
        or forged. Read once per form: the bot check and the validation both ask."""
        if not hasattr(self, "_form_age"):
            started = started_at(self.data.get("started", ""))
            self._form_age = None if started is None else time.time() - started
        return self._form_age

    def honeypot_filled(self):
        """True for a submission no person makes: the field hidden from people was filled."""
        return bool(self.data.get("homepage"))

    def sent_quickly(self):
        """True when the form came back faster than a person usually fills it in, or without
        a valid signed start time.

        Browser autofill, a returning visitor or a page restored from another tab do this too,
        so it is no proof of a bot: the request is kept, flagged for the editors, and like any
        request waits for its contact's emailed confirmation."""
        age = self.form_age()
        return age is None or age < settings.JOIN_MIN_SECONDS

    def spend_start_token(self):
        """Mark this form's start token used; False if a request was already sent with it.

        A form without a valid token has nothing to spend (``sent_quickly`` flags it). The
        used tokens are kept in the shared cache for as long as a token is trusted; a cache
        that fails lets the request through, as the rate limit does."""
        if self.form_age() is None:
            return True
        digest = hashlib.sha256(self.data["started"].encode()).hexdigest()
        try:
            fresh = claim(cache, _SPENT_KEY + digest, settings.JOIN_FORM_MAX_AGE + 60)
        except Exception:  # noqa: BLE001 - a cache that fails must never refuse a person
            logger.warning("start token cache unavailable; allowing the request")
            return True
        return fresh is not False

    def refuse_spent_token(self):
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "We have already received a request sent with this form. To send another, "
                    "check the form below and send it again."
                ),
                code="token_used",
            ),
        )

    def rearm(self):
        """Give the re-rendered form a fresh token, so sending it again works. It keeps the
        time the person first opened the form, unless that is unknown or too old."""
        age = self.form_age()
        keep = age is not None and age <= settings.JOIN_FORM_MAX_AGE
        self.data = self.data.copy()
        self.data["started"] = sign_started_at(time.time() - age if keep else None)

    def clean_started(self):
        age = self.form_age()
        if age is not None and age > settings.JOIN_FORM_MAX_AGE:
            # A person who left the tab open: report above the form, since the field is hidden;
            # the view re-arms the re-rendered form.
            self.add_error(
                None,
                forms.ValidationError(
                    _("This form was open for a long time. Please check it and send it again."),
                    code="expired",
                ),
            )
        return self.cleaned_data.get("started", "")
