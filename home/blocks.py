from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from signatories.blocks import SignatoryListBlock, StateMapBlock
from signatories.joining.blocks import RetentionPeriodBlock


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site or to another website: exactly one of the two."""

    page = blocks.PageChooserBlock(required=False, help_text=_("A page on this site."))
    url = blocks.URLBlock(required=False, label=_("URL"), help_text=_("Or another website."))

    class Meta:
        icon = "link"
        form_classname = "link-block"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter a URL, not both."))}
            )
        return value


class LinkValue(blocks.StructValue):
    def href(self):
        link = self.get("link") or {}
        page = link.get("page")
        # The page in the reader's language: a Spanish copy still points at English pages.
        return page.localized.url if page else link.get("url", "")


class ParagraphBlock(blocks.RichTextBlock):
    """Statement text: emphasis, links and lists, no headings (those are their own block)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = _("A paragraph of text.")


class FigureBlock(blocks.StructBlock):
    """An image with its alt text and an optional caption."""

    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"
        description = _("An image with an optional caption.")


class HeadingBlock(blocks.StructBlock):
    """A section heading inside the page body."""

    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
        help_text=_("Sections are top-level; subsections sit under a section."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = _("A heading that starts a new section.")
        preview_value = {"text": "Our demands", "level": "h2"}


class CallToActionBlock(blocks.StructBlock):
    """A prominent link: a button or a plain link."""

    text = blocks.CharBlock(max_length=80, help_text=_('What the reader does, e.g. "Sign on".'))
    link = LinkBlock()
    style = blocks.ChoiceBlock(
        choices=[("button", _("Button")), ("link", _("Link"))],
        default="button",
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        value_class = LinkValue
        description = _("A button or link that asks the reader to act.")
        preview_value = {
            "text": "Add your organization",
            "link": {"url": "https://example.org/join/"},
            "style": "button",
        }


class QuoteBlock(blocks.StructBlock):
    """A pull quote with who said it."""

    quote = blocks.TextBlock(max_length=1000)
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = _("A quotation set apart from the text.")
        preview_value = {
            "quote": "Local policies protect public safety and constitutional rights.",
            "attribution": "A coalition member",
        }


class ActionCardBlock(blocks.StructBlock):
    """One way to help: a short title, a sentence or two, and where to do it."""

    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=600)
    link_text = blocks.CharBlock(max_length=60, default="Learn more")
    link = LinkBlock()

    class Meta:
        icon = "tick-inverse"
        template = "blocks/action_card_block.html"
        value_class = LinkValue
        description = _("A card describing one action, with a link to take it.")
        preview_value = {
            "title": "Call your officials",
            "text": "Ask them to keep local policies that protect immigrants.",
            "link_text": "Find your officials",
            "link": {"url": "https://www.usa.gov/elected-officials"},
        }


class ActionCardsBlock(blocks.StructBlock):
    cards = blocks.ListBlock(ActionCardBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/action_cards_block.html"
        description = _("A row of action cards.")


class ShareBlock(blocks.StructBlock):
    """Links that share the campaign by email and on social networks, with no tracking scripts."""

    heading = blocks.CharBlock(default="Spread the word", max_length=120)
    message = blocks.TextBlock(
        required=False,
        max_length=250,
        help_text=_(
            "The text people share, ideally under 250 characters. Leave empty to share how "
            "many organizations have signed, counted when the page is shown."
        ),
    )
    page = blocks.PageChooserBlock(
        required=False, help_text=_("The page to share; the site's home page if empty.")
    )

    class Meta:
        icon = "redirect"
        template = "blocks/share_block.html"
        description = _("Share links for email and social networks.")
        preview_value = {
            "heading": "Spread the word",
            "message": "Organizations across the country stand with immigrant communities.",
        }


def content_blocks():
    """Blocks every body offers: text, headings, calls to action, images and quotes."""
    return [
        ("paragraph", ParagraphBlock()),
        ("heading", HeadingBlock()),
        ("call_to_action", CallToActionBlock()),
        ("image", FigureBlock()),
        ("quote", QuoteBlock()),
    ]


def statement_body_blocks():
    return [
        *content_blocks(),
        ("signatory_list", SignatoryListBlock()),
        ("state_map", StateMapBlock()),
    ]


def take_action_body_blocks():
    return [
        *content_blocks(),
        ("action_cards", ActionCardsBlock()),
        ("share", ShareBlock()),
        ("state_map", StateMapBlock()),
    ]


class ContactAddressBlock(blocks.StaticBlock):
    """An invitation to write to the organizer's contact email, from the organizer settings when
    rendered: the page never names an address the coalition has not set, or an old one."""

    class Meta:
        icon = "mail"
        template = "blocks/contact_address_block.html"
        label = _("Contact address")
        admin_text = _(
            "Invites readers to write to the contact email of the organizer settings; shows "
            "nothing while none is set."
        )


def information_body_blocks():
    return [
        *content_blocks(),
        ("retention_period", RetentionPeriodBlock()),
        ("contact_address", ContactAddressBlock()),
    ]
