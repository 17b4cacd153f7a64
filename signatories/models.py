from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Page, RevisionMixin
from wagtail.search import index

from home.social import SharePageMixin

from .choices import Level, State, group_label, group_rank
from .names import name_key


class OrganizationFields(models.Model):
    """Who an organization is and where it works: shared by signatories and join requests."""

    name = models.CharField(
        _("organization name"),
        max_length=255,
        help_text=_("As it should appear in the public list."),
    )
    level = models.CharField(
        _("level"),
        max_length=16,
        choices=Level.choices,
        default=Level.STATE,
        help_text=_("National organizations are listed first, before the states."),
    )
    state = models.CharField(
        _("state"),
        max_length=2,
        choices=State.choices,
        blank=True,
        help_text=_("Required for state organizations; leave empty for national ones."),
    )
    city = models.CharField(
        _("city"), max_length=100, blank=True, help_text=_("Optional; not shown in the list.")
    )
    website = models.URLField(
        _("website"),
        max_length=300,
        blank=True,
        help_text=_("Optional; the organization's name links here in the list."),
    )
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.derive_fields()
        super().save(*args, **kwargs)

    @property
    def group_label(self):
        return group_label(self.level, self.state)

    def derive_fields(self):
        self.sort_key = name_key(self.name)

    def clean(self):
        super().clean()
        self.name = " ".join(self.name.split())
        if self.level == Level.NATIONAL and self.state:
            raise ValidationError({"state": _("National organizations have no state.")})
        if self.level == Level.STATE and not self.state:
            raise ValidationError({"state": _("Choose the state this organization works in.")})
        if self.name and not name_key(self.name):
            raise ValidationError({"name": _("Enter a name with at least one letter or digit.")})
        self.derive_fields()

    def validate_constraints(self, exclude=None):
        # sort_key is no form field, so a ModelForm excludes it and Django would skip the
        # unique name constraint (the save then fails with IntegrityError). clean() derives it
        # from the name, so check constraints on it whenever the name itself is validated.
        if exclude is not None and "name" not in exclude:
            exclude = set(exclude) - {"sort_key"}
        super().validate_constraints(exclude=exclude)


class OrganizationQuerySet(models.QuerySet):
    def in_group_of(self, organization):
        """Rows under the same heading as ``organization`` whose name counts as the same."""
        return self.filter(
            level=organization.level,
            state=organization.state,
            sort_key=name_key(organization.name),
        )


class SignatoryQuerySet(OrganizationQuerySet):
    def published(self):
        return self.filter(live=True)


class JoinRequestQuerySet(OrganizationQuerySet):
    def pending(self):
        return self.filter(status=JoinRequest.Status.PENDING)


class Signatory(DraftStateMixin, RevisionMixin, OrganizationFields, index.Indexed):
    """An organization that has signed the statement, listed publicly once published."""

    note = models.CharField(
        _("public note"),
        max_length=255,
        blank=True,
        help_text=_('Shown after the name, e.g. "for identification purposes only".'),
    )
    group_rank = models.PositiveSmallIntegerField(editable=False, default=0, db_index=True)
    signed_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("statement revision signed"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The statement text that was live when this organization was approved."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="signatory")

    objects = SignatoryQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("state")]),
        FieldPanel("note"),
        MultiFieldPanel([FieldPanel("city"), FieldPanel("website")], heading=_("Details")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.FilterField("level"),
        index.FilterField("state"),
        index.FilterField("live"),
        # Search results keep the list's order, which needs these as filter fields.
        index.FilterField("group_rank"),
        index.FilterField("sort_key"),
    ]

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["group_rank", "sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "state", "sort_key"],
                name="signatory_unique_name_per_group",
                violation_error_message=_(
                    "An organization with this name is already listed under this heading."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(level=Level.NATIONAL, state="") | (Q(level=Level.STATE) & ~Q(state=""))
                ),
                name="signatory_state_matches_level",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def derive_fields(self):
        super().derive_fields()
        self.group_rank = group_rank(self.level, self.state)


class JoinRequest(OrganizationFields):
    """A public request to sign, held for an editor to approve or reject.

    Contact details are private: they are for editors only and never rendered publicly.
    """

    # A request is the moderation record of a signatory, not content that uses it: it must not
    # count in the signatory's "Used N times", and leaving it out spares every sign-up a
    # reference-index task.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        JOIN = "join", _("Join")
        WITHDRAWAL = "withdrawal", _("Withdrawal")
        CORRECTION = "correction", _("Correction")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(
        _("type"), max_length=16, choices=Kind.choices, default=Kind.JOIN, db_index=True
    )
    details = models.TextField(
        _("what to change"),
        blank=True,
        max_length=2000,
        help_text=_("For corrections and withdrawals: what the organization asks us to change."),
    )
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_email = models.EmailField(_("contact email"), max_length=254)
    consented_at = models.DateTimeField(_("consent given"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    confirmed_at = models.DateTimeField(
        _("confirmed"),
        null=True,
        blank=True,
        help_text=_("When the contact followed the confirmation link in our email."),
    )
    review_flags = models.JSONField(
        _("review flags"),
        default=list,
        blank=True,
        help_text=_("Reasons an editor should look closely, e.g. look-alike characters."),
    )
    sent_quickly = models.BooleanField(
        _("sent quickly"),
        default=False,
        editable=False,
        help_text=_(
            "Sent sooner after the form was opened than a person usually takes, or without "
            "the form's start time: autofill does this, and so do scripts."
        ),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatory = models.ForeignKey(
        Signatory,
        verbose_name=_("signatory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="join_requests",
        help_text=_("The listing created or published when this request was approved."),
    )
    editor_note = models.TextField(
        _("editor note"), blank=True, help_text=_("Internal: why it was approved or rejected.")
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        editable=False,
        help_text=_("The language the request was sent in; emails to the contact use it."),
    )
    # The request row is its own email outbox: set in the transaction that stores a public
    # request, cleared by the task that sends its emails (signatories.tasks).
    emails_due = models.BooleanField(default=False, editable=False)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Two identical submissions racing each other still leave a single pending row.
            models.UniqueConstraint(
                fields=["kind", "level", "state", "sort_key"],
                condition=Q(status="pending"),
                name="joinrequest_one_pending_per_name",
            ),
        ]
        indexes = [
            # Only the few requests whose emails are still to send, found without a scan.
            models.Index(
                fields=["id"], condition=Q(emails_due=True), name="joinrequest_emails_due"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.group_label})"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def review_reasons(self):
        """Why an editor should look closely, as sentences: the review flags, and the request
        having been sent quickly."""
        reasons = [
            flag if isinstance(flag, str) else flag.get("reason") or flag.get("code", "")
            for flag in self.review_flags or []
        ]
        if self.sent_quickly:
            # Worded when shown, so in the language of the editor reading it.
            reasons.append(
                gettext(
                    "Sent within seconds of opening the form, or without the form's start "
                    "time: possibly automated. Check it before approving."
                )
            )
        return reasons

    def get_review_flags_display(self):
        # The modeladmin inspect view shows this in place of the raw JSON.
        return " ".join(self.review_reasons)


class JoinPage(RoutablePageMixin, SharePageMixin, Page):
    """The public "add your organization" page: editable copy around the join form."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the form: who can sign and what happens next."),
    )
    consent_label = models.CharField(
        max_length=300,
        default=(
            "We confirm that our organization agrees to be listed publicly as a signatory "
            "of this statement."
        ),
        help_text=_("The text of the checkbox a person must tick to submit the form."),
    )
    thank_you_title = models.CharField(
        max_length=200,
        default="Thank you for adding your organization",
        help_text=_("Heading of the page shown after the form is sent."),
    )
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown after the form is sent: when the name will appear, what to do next."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("consent_label"),
        MultiFieldPanel(
            [FieldPanel("thank_you_title"), FieldPanel("thank_you_text")],
            heading=_("After sending"),
        ),
    ]

    parent_page_types = ["home.StatementPage"]
    subpage_types = []
    # One per statement, so each language's statement has its own.
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("join page")

    @path("")
    def join(self, request):
        from .views import join_form_view

        return join_form_view(request, self)

    @path("thanks/", name="thanks")
    def thanks(self, request):
        from .views import join_thanks_view

        return join_thanks_view(request, self)

    @path("confirm/<path:token>/", name="confirm")
    def confirm(self, request, token):
        from .views import join_confirm_view

        return join_confirm_view(request, self, token)

    @path("change/", name="change")
    def change_request(self, request):
        from .views import change_form_view

        return change_form_view(request, self)

    @path("change/thanks/", name="change_thanks")
    def change_request_thanks(self, request):
        from .views import change_thanks_view

        return change_thanks_view(request, self)
