import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .choices import NATIONAL_CHOICE, Level, State
from .models import JoinRequest, Signatory

_TIMING_SALT = "signatories.join.started"


def sign_started_at(now=None):
    return signing.dumps(now if now is not None else time.time(), salt=_TIMING_SALT)


class JoinForm(forms.Form):
    """The public request to add an organization.

    Besides the fields a person fills in, it carries two bot traps: ``homepage`` is hidden
    from people and must stay empty, and ``started`` is a signed time the form was served.
    """

    name = forms.CharField(label=_("Organization name"), max_length=200)
    state = forms.ChoiceField(
        label=_("State"),
        choices=[(NATIONAL_CHOICE, Level.NATIONAL.label), *State.choices],
        help_text=_("Choose National if your organization works across the country."),
    )
    city = forms.CharField(
        label=_("City"), max_length=100, required=False, help_text=_("Optional.")
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=300,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Optional. The address of your organization's site, e.g. https://example.org"),
    )
    contact_name = forms.CharField(
        label=_("Contact name"),
        max_length=150,
        help_text=_("Not published. Used only if we need to confirm your request."),
    )
    contact_email = forms.EmailField(
        label=_("Contact email"),
        max_length=254,
        help_text=_("Not published. We send you a confirmation."),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please confirm that your organization agrees.")},
    )
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, consent_label=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if consent_label:
            self.fields["consent"].label = consent_label
        self.fields["name"].widget.attrs.update(autocomplete="organization")
        self.fields["city"].widget.attrs.update(autocomplete="address-level2")
        self.fields["website"].widget.attrs.update(autocomplete="url")
        self.fields["contact_name"].widget.attrs.update(autocomplete="name")
        self.fields["contact_email"].widget.attrs.update(autocomplete="email")
        if not self.is_bound:
            self.initial["started"] = sign_started_at()

    @property
    def visible_fields_for_people(self):
        return [field for field in self.visible_fields() if field.name != "homepage"]

    def form_age(self):
        """Seconds since the form was served, or None if its signed start time is missing
        or forged."""
        try:
            started = signing.loads(self.data.get("started", ""), salt=_TIMING_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(started, int | float):
            return None
        return time.time() - started

    def looks_automated(self):
        """True for a submission no person makes: the hidden field filled, or sent too fast."""
        if self.data.get("homepage"):
            return True
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

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        join_request = self.build_request()
        join_request.full_clean(
            exclude=["consented_at", "sort_key"], validate_unique=False, validate_constraints=False
        )
        # Keep the name as the model's clean() normalised it ("Casa   Latina" -> "Casa Latina").
        cleaned["name"] = join_request.name
        if Signatory.objects.in_group_of(join_request).exists():
            raise forms.ValidationError(
                _("%(name)s has already signed the statement under %(group)s. Thank you!"),
                code="already_signed",
                params={"name": join_request.name, "group": join_request.group_label},
            )
        if JoinRequest.objects.joins().in_group_of(join_request).pending().exists():
            raise forms.ValidationError(
                _(
                    "We have already received a request to add %(name)s under %(group)s. "
                    "An editor will review it soon."
                ),
                code="already_received",
                params={"name": join_request.name, "group": join_request.group_label},
            )
        return cleaned

    def build_request(self):
        """The unsaved JoinRequest these answers describe."""
        data = self.cleaned_data
        national = data["state"] == NATIONAL_CHOICE
        return JoinRequest(
            name=data["name"],
            level=Level.NATIONAL if national else Level.STATE,
            state="" if national else data["state"],
            city=data["city"],
            website=data["website"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
        )
