"""The snippet editors publish: an organization listed as having signed."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from ..choices import Level, group_rank
from .organization import OrganizationFields, OrganizationManager, OrganizationQuerySet


class SignatoryQuerySet(OrganizationQuerySet):
    def published(self):
        return self.filter(live=True)


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
        help_text=_(
            "The statement text that was live when this organization was approved or imported."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="signatory")

    objects = OrganizationManager.from_queryset(SignatoryQuerySet)()

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
        indexes = [
            models.Index(fields=["level", "state", "skeleton"], name="signatory_lookalike"),
        ]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def derive_fields(self):
        super().derive_fields()
        self.group_rank = group_rank(self.level, self.state)
