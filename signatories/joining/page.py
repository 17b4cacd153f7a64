"""The public "add your organization" page, whose routes serve the join and change forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from campaign.sharing import SharePageMixin
from campaign.translation_status import TranslationStatusMixin
from campaign.view_restrictions import ViewRestrictionsMixin

from . import views


class JoinPage(
    ViewRestrictionsMixin, RoutablePageMixin, SharePageMixin, TranslationStatusMixin, Page
):
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
        return views.join_form_view(request, self)

    @path("thanks/", name="thanks")
    def thanks(self, request):
        return views.join_thanks_view(request, self)

    @path("confirm/<path:token>/", name="confirm")
    def confirm(self, request, token):
        return views.join_confirm_view(request, self, token)

    @path("change/", name="change")
    def change_request(self, request):
        return views.change_form_view(request, self)

    @path("change/thanks/", name="change_thanks")
    def change_request_thanks(self, request):
        return views.change_thanks_view(request, self)
