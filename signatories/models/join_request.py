"""A public request to sign, withdraw or correct a listing, waiting for an editor."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .organization import OrganizationFields, OrganizationManager, OrganizationQuerySet
from .signatory import Signatory


class JoinRequestQuerySet(OrganizationQuerySet):
    def pending(self):
        return self.filter(status=JoinRequest.Status.PENDING)


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
        # Sent again, by anyone, while the same request waits: decided with that one.
        DUPLICATE = "duplicate", _("Sent again")

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
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("sent again for"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="duplicates",
        help_text=_("The waiting request this one repeats; it is decided with it."),
    )
    editor_note = models.TextField(
        _("editor note"), blank=True, help_text=_("Internal: why it was approved or rejected.")
    )
    decision_note = models.TextField(
        _("note sent with the decision"),
        blank=True,
        editable=False,
        help_text=_(
            "The note given when the request was decided; a rejection's email to the contact "
            "quotes it."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        editable=False,
        help_text=_("The language the request was sent in; emails to the contact use it."),
    )
    # The request row is its own email outbox, one column per email: set to the time it is
    # due in the transaction that stores a public request, moved on by a sweep's claim (a
    # lease: a sweep that dies leaves it to the next one) and cleared once the email is dealt
    # with (signatories.joining.outbox).
    acknowledgment_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    editors_notice_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The contact's email about the decision: a rejection, a withdrawal done, a correction.
    decision_notice_due_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OrganizationManager.from_queryset(JoinRequestQuerySet)()

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
            # Look-alikes are looked for among the requests still waiting (one per join).
            models.Index(
                fields=["kind", "level", "state", "skeleton"],
                condition=Q(status="pending"),
                name="joinrequest_pending_lookalike",
            ),
            # Only the few requests whose emails are still to send, found without a scan.
            models.Index(
                fields=["acknowledgment_due_at"],
                condition=Q(acknowledgment_due_at__isnull=False),
                name="joinrequest_ack_due",
            ),
            models.Index(
                fields=["editors_notice_due_at"],
                condition=Q(editors_notice_due_at__isnull=False),
                name="joinrequest_notice_due",
            ),
            models.Index(
                fields=["decision_notice_due_at"],
                condition=Q(decision_notice_due_at__isnull=False),
                name="joinrequest_decision_due",
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
    def is_open(self):
        """Waiting for a decision: pending, or sent again for a request that is."""
        if self.status == self.Status.DUPLICATE:
            return self.duplicate_of is not None and self.duplicate_of.is_pending
        return self.is_pending

    def contacts(self):
        """This request and the ones sent again for it: everyone who asked."""
        return [self, *self.duplicates.order_by("created_at", "pk")]

    def confirmed_by_a_contact(self):
        """Someone who asked followed the link in our email."""
        return self.is_confirmed or self.duplicates.filter(confirmed_at__isnull=False).exists()

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
