import unicodedata

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .. import text_safety
from ..choices import NATIONAL_CHOICE, Level, State, state_choices
from ..models.join_request import JoinRequest
from ..models.signatory import Signatory
from .bot_traps import BotTrapForm
from .review_flags import already_listed, listing_flags, unlisted_flag


class SingleLineField(forms.CharField):
    """Text that belongs on one line: line breaks, tabs and other control characters become
    spaces and runs of spaces collapse, so nothing odd reaches the list, the admin or an
    email header."""

    def to_python(self, value):
        value = super().to_python(value)
        spaced = "".join(" " if unicodedata.category(char) == "Cc" else char for char in value)
        return " ".join(spaced.split())


def state_choices_with_prompt():
    """ "Choose…" first, with no value, so nobody is filed under National by not noticing the
    field; then National and the states (``state_choices``)."""
    return [("", _("Choose…")), *state_choices()]


class StateField(forms.ChoiceField):
    """National or a state, listed in the visitor's language; required, with no default."""

    # Every submission is checked against the same codes, whatever the language's order.
    valid_codes = frozenset([NATIONAL_CHOICE, *State.values])

    def __init__(self, **kwargs):
        # A callable, so each request lists the states in the order of its own language.
        super().__init__(choices=state_choices_with_prompt, **kwargs)

    def valid_value(self, value):
        return value in self.valid_codes


class SafeNameMixin:
    """Removes invisible characters from ``name`` before it is validated or compared, and keeps
    look-alike warnings in ``name_flags`` for the request's review flags."""

    name_flags = ()

    def clean_name(self):
        raw_name = self.cleaned_data["name"]
        name = text_safety.strip_invisible(raw_name)
        if not name.strip():
            raise forms.ValidationError(self.fields["name"].error_messages["required"], "required")
        # The flags are stored for editors, who read the site's default language.
        with translation.override(settings.LANGUAGE_CODE):
            self.name_flags = text_safety.name_flags(raw_name)
        return name


class PublicRequestForm(SafeNameMixin, BotTrapForm):
    """Base of the public forms: the organization a request names and who is asking.

    Each form lists its fields in ``field_order``: base fields would otherwise come first.
    """

    state = StateField(
        label=_("State"),
        help_text=_("Choose National if your organization works across the country."),
        error_messages={"required": _("Please choose your state, or National.")},
    )
    contact_name = SingleLineField(
        label=_("Contact name"),
        max_length=150,
        help_text=_("Not published. Used only if we need to check your request."),
    )
    contact_email = forms.EmailField(
        label=_("Contact email"),
        max_length=254,
        help_text=_("Not published. We send you a link to confirm your request."),
    )

    def request_fields(self):
        data = self.cleaned_data
        national = data["state"] == NATIONAL_CHOICE
        return {
            "name": data["name"],
            "level": Level.NATIONAL if national else Level.STATE,
            "state": "" if national else data["state"],
            "contact_name": data["contact_name"],
            "contact_email": data["contact_email"],
            "review_flags": list(self.name_flags),
            "sent_quickly": self.sent_quickly(),
            # Emails to the contact go out in the language the form was filled in.
            "language": get_language() or settings.LANGUAGE_CODE,
        }

    def check_against_list(self, join_request):
        """Raise a form error when the public list refuses this request, or add to its review
        flags what editors should know of the listing it names. Asked in the transaction that
        stores the request (``store_request``), so what it finds is what the request joins."""

    # The request a valid form describes, as the model checked it (see ``validated_request``).
    join_request = None

    def validated_request(self):
        """The unsaved request, checked by the model; the name kept as the model normalised it
        ("Casa   Latina" -> "Casa Latina"). Kept as ``join_request``: the one stored."""
        join_request = self.build_request()
        join_request.full_clean(
            exclude=["consented_at", "sort_key"], validate_unique=False, validate_constraints=False
        )
        self.cleaned_data["name"] = join_request.name
        self.join_request = join_request
        return join_request


class JoinForm(PublicRequestForm):
    """The public request to add an organization.

    Besides the fields a person fills in, it carries the bot traps of ``BotTrapForm``.
    """

    field_order = ["name", "state", "city", "website", "contact_name", "contact_email", "consent"]

    name = SingleLineField(label=_("Organization name"), max_length=200)
    city = SingleLineField(
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
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please confirm that your organization agrees.")},
    )

    def __init__(self, *args, consent_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if consent_label:
            self.fields["consent"].label = consent_label
        self.fields["name"].widget.attrs.update(autocomplete="organization")
        self.fields["city"].widget.attrs.update(autocomplete="address-level2")
        self.fields["website"].widget.attrs.update(autocomplete="url")
        self.fields["contact_name"].widget.attrs.update(autocomplete="name")
        self.fields["contact_email"].widget.attrs.update(autocomplete="email")

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self.validated_request()
        return cleaned

    def check_against_list(self, join_request):
        # One lookup answers both: is the name listed, and does it look like a listing?
        listing = Signatory.objects.same_or_lookalike(join_request)
        # Only what the public list shows: a name waiting or unpublished is accepted as any.
        if already_listed(listing, join_request):
            raise forms.ValidationError(
                _("%(name)s has already signed the statement under %(group)s. Thank you!"),
                code="already_signed",
                params={"name": join_request.name, "group": join_request.group_label},
            )
        join_request.review_flags.extend(listing_flags(join_request, listing))

    def build_request(self):
        """The unsaved JoinRequest these answers describe."""
        data = self.cleaned_data
        return JoinRequest(**self.request_fields(), city=data["city"], website=data["website"])


class ChangeRequestForm(PublicRequestForm):
    """The public request to remove or correct a listing, held for an editor like a join."""

    CHANGES = [
        (JoinRequest.Kind.WITHDRAWAL, _("Remove our organization from the list")),
        (JoinRequest.Kind.CORRECTION, _("Correct our listing")),
    ]

    field_order = ["name", "state", "contact_name", "contact_email", "change", "details"]

    name = SingleLineField(
        label=_("Organization name"),
        max_length=200,
        help_text=_("As it appears in the list."),
    )
    change = forms.ChoiceField(
        label=_("What should we change?"), choices=CHANGES, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a correction, what should the listing say? Optional for a removal."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update(autocomplete="organization")
        self.fields["contact_name"].widget.attrs.update(autocomplete="name")
        self.fields["contact_email"].widget.attrs.update(autocomplete="email")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned["change"] == JoinRequest.Kind.CORRECTION and not cleaned["details"]:
            self.add_error("details", _("Please tell us what to correct."))
            return cleaned
        self.validated_request()
        return cleaned

    def check_against_list(self, join_request):
        # Never refused: a name that matches no listing is stored all the same, flagged for the
        # editor, who may know the organization under another name.
        join_request.signatory = Signatory.objects.in_group_of(join_request).first()
        if join_request.signatory is None:
            join_request.review_flags.append(unlisted_flag(join_request))

    def build_request(self):
        """The unsaved withdrawal or correction request these answers describe."""
        data = self.cleaned_data
        return JoinRequest(**self.request_fields(), kind=data["change"], details=data["details"])
