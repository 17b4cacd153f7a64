"""The share image the site draws itself: the statement's title, how many have signed and who
runs the campaign, 1200 × 630 as Open Graph asks.

Each content version (title, count, organizer, logo, language) is one PNG file in the media
storage, named by a digest of that content: drawn once by the first request that needs it,
then read by every later one. The image's URL stays the same (``/share-card.png``, per
language); pages link it with the version in the query string, so a share card made after
the count changed fetches the new image.
"""

import hashlib
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import ngettext
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Locale

from signatories.public_list import published_count
from signatories.templatetags.signatory_tags import shows_signatory_count

from .models import StatementPage
from .organizer import organizer_for

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = "#a4262c"  # the site's theme colour
INK = "#ffffff"
LOGO_BOX = (160, 112)
STORAGE_DIR = "share-cards"
# Scrapers and a CDN may keep the image a few minutes; a page shared after the count changed
# links the new version by its own query string.
MAX_AGE = 300


@dataclass(frozen=True)
class ShareCard:
    """What one share image shows."""

    title: str
    count_text: str
    organizer_name: str
    logo_file: str = ""  # the logo's name in the media storage, if any

    @property
    def version(self):
        content = "\0".join([self.title, self.count_text, self.organizer_name, self.logo_file])
        return hashlib.sha256(content.encode()).hexdigest()[:16]

    @property
    def file_name(self):
        return f"{STORAGE_DIR}/{self.version}.png"


def count_text(count):
    # The same message as the count on the statement page, so it is translated alike.
    return ngettext(
        "%(counter)s organization has signed", "%(counter)s organizations have signed", count
    ) % {"counter": count}


def card_for(statement, organizer):
    """The card for ``statement`` now, in the active language: with the count only when the
    statement's own list shows it (an editor may turn it off)."""
    logo = organizer.logo or {}
    return ShareCard(
        title=statement.title,
        count_text=count_text(published_count()) if shows_signatory_count(statement) else "",
        organizer_name=organizer.name,
        logo_file=logo.get("file", ""),
    )


def card_url(root_url, card):
    """``card``'s absolute URL on the site at ``root_url``, in the active language, with its
    content version."""
    return f"{root_url}{reverse('share_card')}?v={card.version}"


def ensure_file(card):
    """The card's file in the media storage, drawn now if this version has none yet."""
    if default_storage.exists(card.file_name):
        return card.file_name
    saved = default_storage.save(card.file_name, ContentFile(draw(card)))
    if saved != card.file_name:
        # Another process drew the same version meanwhile; the storage kept both.
        default_storage.delete(saved)
    return card.file_name


def share_card_image(request):
    """``/share-card.png``: the current share image of the statement in this language."""
    locale = Locale.get_active()
    statements = StatementPage.objects.live()
    statement = statements.filter(locale=locale).first() or statements.first()
    if statement is None:
        raise Http404("No statement is published.")
    card = card_for(statement, organizer_for(request))
    response = FileResponse(default_storage.open(ensure_file(card), "rb"), content_type="image/png")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def draw(card):
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    canvas = ImageDraw.Draw(image)
    title_font, lines = _fit_title(card.title)
    y = MARGIN
    for line in lines:
        canvas.text((MARGIN, y), line, font=title_font, fill=INK)
        y += int(title_font.size * 1.2)
    if card.count_text:
        canvas.text((MARGIN, HEIGHT - MARGIN - 150), card.count_text, font=_font(54), fill=INK)
    footer_y = HEIGHT - MARGIN - 48
    x = MARGIN
    logo = _logo(card.logo_file)
    if logo is not None:
        image.paste(logo, (x, HEIGHT - MARGIN - logo.height), logo)
        x += logo.width + 24
    canvas.text((x, footer_y), card.organizer_name, font=_font(40), fill=INK)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _font(size):
    # Pillow's own font, drawn with FreeType: the same on every server, nothing to install.
    return ImageFont.load_default(size=size)


def _fit_title(title):
    """The largest size at which the title fits in four lines above the count."""
    for size in (72, 64, 56, 48):
        font = _font(size)
        lines = _wrap(title, font, WIDTH - 2 * MARGIN)
        if len(lines) <= 4:
            return font, lines
    return font, [*lines[:3], lines[3] + " …"]


def _wrap(text, font, width):
    """Words into lines no wider than ``width`` (a word longer than that gets its own)."""
    lines = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _logo(file_name):
    """The organizer's logo scaled into the footer's box, or None when unreadable."""
    if not file_name:
        return None
    try:
        with default_storage.open(file_name, "rb") as stored, Image.open(stored) as logo:
            logo = logo.convert("RGBA")
            logo.thumbnail(LOGO_BOX)
            return logo
    except (OSError, ValueError):
        return None
