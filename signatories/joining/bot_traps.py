"""Bot traps shared by the public forms: a hidden field and a signed start time."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

_TIMING_SALT = "signatories.join.started"


def sign_started_at(now=None):
    return signing.dumps(now if now is not None else time.time(), salt=_TIMING_SALT)


class BotTrapForm(forms.Form):
    """Base of the public forms: two bot traps beside the fields a person fills in.

    ``homepage`` is hidden from people and must stay empty (``honeypot_filled``), and
    ``started`` is a signed time the form was served (``sent_quickly``).
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
            self._form_age = self._read_form_age()
        return self._form_age

    def _read_form_age(self):
        try:
            started = signing.loads(self.data.get("started", ""), salt=_TIMING_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(started, int | float):
            return None
        return time.time() - started

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

    def clean_started(self):
        age = self.form_age()
        if age is not None and age > settings.JOIN_FORM_MAX_AGE:
            # A person who left the tab open: re-arm the re-rendered form with a fresh token so
            # sending again works, and report above the form, since the field is hidden.
            self.data = self.data.copy()
            self.data["started"] = sign_started_at()
            self.add_error(
                None,
                forms.ValidationError(
                    _("This form was open for a long time. Please check it and send it again."),
                    code="expired",
                ),
            )
        return self.cleaned_data.get("started", "")
