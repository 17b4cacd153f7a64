"""The public "add your organization" page, whose routes serve the join and change forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from campaign.sharing import SharePageMixin


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

    # The views are imported when a request comes, not with the model: they reach the page
    # cache, which imports the page models of both apps while Django is still loading them.
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
