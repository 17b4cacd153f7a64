"""Wagtail's image form, with the files Pillow refuses to decode turned into form errors.

Wagtail checks an upload's size in pixels by decoding it with Pillow, and catches only the
decompression-bomb errors Pillow raises for too many pixels. A PNG whose text or colour
profile chunks inflate far beyond the file's size makes Pillow raise ValueError instead, and
a damaged file OSError or SyntaxError: each of those would be a 500 on every upload view
(add, multiple add, the chooser's upload tab, replacing a file). WAGTAILIMAGES_IMAGE_FORM_BASE
is the setting every one of those views builds its form from.
"""

import logging
import struct
import zlib

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger(__name__)

# What Pillow raises for a file it will not, or cannot, decode (besides the pixel-count
# errors Wagtail already handles): ValueError for chunks that inflate too far, OSError for a
# truncated or unreadable file, SyntaxError for a broken chunk structure.
UNREADABLE = (ValueError, OSError, SyntaxError, EOFError, struct.error, zlib.error)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field; a file Pillow cannot decode is "not a valid image"."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except UNREADABLE as error:
            logger.warning("image upload %r refused: %s: %s", f.name, type(error).__name__, error)
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    """Every admin image form (WAGTAILIMAGES_IMAGE_FORM_BASE), with the checked field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the field itself (images.forms.formfield_for_dbfield), so it is
        # replaced here, keeping its label, widget and whether it is required. The multiple
        # uploader's edit form has no file field.
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = CheckedImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
                max_length=field.max_length,
            )
