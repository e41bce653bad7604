"""Uploaded images: validated with Pillow, stored resized as JPEG or PNG."""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
# Refuse decompression bombs well before Pillow's own (much larger) limit.
MAX_PIXELS = 40_000_000


def validate_image(upload, *, max_bytes: int) -> None:
    """Raise ``ValidationError`` unless ``upload`` is a real image no larger than max_bytes."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Upload a valid image: a JPEG, PNG, GIF or WebP file."), code="invalid_image"
        ) from None
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS or width * height > MAX_PIXELS:
        raise ValidationError(
            _("Upload a valid image: a JPEG, PNG, GIF or WebP file."), code="invalid_image"
        )


def resized_square(upload, *, size: int, name_prefix: str) -> ContentFile:
    """Centre-crop ``upload`` to a square of ``size`` pixels; returns a file to store."""
    return resized_fit(upload, size=(size, size), name_prefix=name_prefix)


def resized_fit(upload, *, size: tuple[int, int], name_prefix: str) -> ContentFile:
    """Centre-crop ``upload`` to exactly ``size`` (width, height); returns a file to store."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
        image = ImageOps.fit(image, size, Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        if has_alpha:
            image.save(buffer, format="PNG", optimize=True)
            extension = "png"
        else:
            image.save(buffer, format="JPEG", quality=85, optimize=True)
            extension = "jpg"
    return ContentFile(buffer.getvalue(), name=f"{name_prefix}-{uuid.uuid4().hex[:12]}.{extension}")


def resized_within(upload, *, size: tuple[int, int], name_prefix: str) -> ContentFile:
    """Shrink ``upload`` to fit inside ``size`` keeping its proportions (never enlarging);
    re-encoding also drops metadata such as GPS positions."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
        image.thumbnail(size, Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        if has_alpha:
            image.save(buffer, format="PNG", optimize=True)
            extension = "png"
        else:
            image.save(buffer, format="JPEG", quality=85, optimize=True)
            extension = "jpg"
        content = ContentFile(
            buffer.getvalue(), name=f"{name_prefix}-{uuid.uuid4().hex[:12]}.{extension}"
        )
        content.width, content.height = image.size
    return content
