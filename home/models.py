from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from campaign import caching
from campaign.sharing import SharePageMixin
from campaign.translation_status import TranslationStatusMixin
from campaign.view_restrictions import ViewRestrictionsMixin

from .blocks import information_body_blocks, statement_body_blocks, take_action_body_blocks
from .organizer import OrganizerSettings

__all__ = ["InformationPage", "OrganizerSettings", "StatementPage", "TakeActionPage"]


class StreamBodyPage(ViewRestrictionsMixin, SharePageMixin, TranslationStatusMixin, Page):
    """A page whose content is one StreamField, ``body``, that editors arrange freely."""

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        abstract = True


class StatementPage(StreamBodyPage):
    """The coalition's statement: the site's home page, with the list of who has signed."""

    body = StreamField(
        statement_body_blocks(),
        blank=True,
        help_text=_("The statement text, calls to action, and where the signatory list goes."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.TakeActionPage", "signatories.JoinPage", "home.InformationPage"]

    def serve(self, request, *args, **kwargs):
        # The same for every anonymous visitor: the page cache may store it.
        return caching.allow_storing(super().serve(request, *args, **kwargs))

    @classmethod
    def can_create_at(cls, parent):
        # One statement per language: each translation is a sibling under the tree's root, so
        # neither max_count nor max_count_per_parent fits; clean() checks the locale itself.
        return super().can_create_at(parent) and cls.objects.count() < Locale.objects.count()

    def clean(self):
        super().clean()
        others = StatementPage.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(_("There is already a statement page in this language."))

    class Meta:
        verbose_name = _("statement page")


class TakeActionPage(StreamBodyPage):
    """Ways supporters can help beyond signing: actions, sharing, and joining."""

    body = StreamField(
        take_action_body_blocks(),
        blank=True,
        help_text=_("Action cards, share links and calls to action."),
    )

    parent_page_types = ["home.StatementPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("take action page")


class InformationPage(StreamBodyPage):
    """A page of plain information about the campaign: who runs it, the privacy notice."""

    body = StreamField(
        information_body_blocks(),
        blank=True,
        help_text=_(
            "The page's text; the privacy notice can show the data retention period and the "
            "organizer's contact address."
        ),
    )

    parent_page_types = ["home.StatementPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")


class WorkerHeartbeat(models.Model):
    """A task worker (``manage.py db_worker``), last seen at ``seen_at``: restoring a backup
    under a running worker would crash it, so ``restore_database`` looks here first; the admin
    shows from here when a worker last ran."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"worker {self.worker_id} (pid {self.pid} on {self.host})"
