"""Uploaded images: checked, re-encoded from their pixels and stripped of metadata.

No database code here. Whatever a file's name or declared type says, Pillow opens it only as
one of the allowed formats; sizes are checked from the header before any pixel is decoded, and
the stored file is a new image made from the decoded pixels, so appended payloads, EXIF (GPS
included), XMP and colour-profile chunks do not survive.
"""

import io
import secrets
import struct
import warnings
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from rumors.fetchers.provenance import Finding, read_provenance
from rumors.matching import MediaHash, hash_image

# Pillow format name -> (stored format, extension). GIFs are kept as PNG stills: evidence is a
# picture to look at, and a still cannot carry a second payload frame.
ALLOWED_FORMATS = {
    "JPEG": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
    "GIF": ("PNG", "png"),
}

# What Pillow raises on other hostile files: oversized or corrupt text chunks, truncated data,
# bad headers. Decompression bombs are told apart, for a clearer message.
_PILLOW_ERRORS = (
    UnidentifiedImageError,
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    struct.error,
    zlib.error,
    MemoryError,
)


@dataclass(frozen=True)
class CleanImage:
    file: ContentFile
    width: int
    height: int
    format: str
    # Taken from the decoded pixels, before the file is stored anywhere.
    media_hash: MediaHash
    # What the uploaded bytes said about where they came from; the stored file says nothing.
    provenance: Finding


def clean_uploaded_image(upload) -> CleanImage:
    """Return a safe re-encoded copy of an uploaded image, or raise ValidationError."""
    max_bytes = settings.EVIDENCE_MAX_UPLOAD_BYTES
    max_pixels = settings.EVIDENCE_MAX_IMAGE_PIXELS
    if getattr(upload, "size", 0) and upload.size > max_bytes:
        raise ValidationError(
            _("The image is too large (at most %(mb)s MB).") % {"mb": max_bytes // 2**20},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(
            _("The image is too large (at most %(mb)s MB).") % {"mb": max_bytes // 2**20},
            code="too_large",
        )
    unreadable = ValidationError(
        _("This file is not an image we accept. Upload a JPEG, PNG, WebP or GIF picture."),
        code="invalid_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS)) as image:
                # Header only so far: refuse huge canvases before decoding a single pixel.
                width, height = image.size
                if width * height > max_pixels or width < 1 or height < 1:
                    raise ValidationError(
                        _("The image is too big (%(w)s×%(h)s pixels).") % {"w": width, "h": height},
                        code="too_many_pixels",
                    )
                stored_format, extension = ALLOWED_FORMATS[image.format]
                image.load()
                image = ImageOps.exif_transpose(image)
                pixels = _pixels_only(image, stored_format)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The image is too big: it declares more pixels than we accept."),
            code="too_many_pixels",
        ) from exc
    except _PILLOW_ERRORS as exc:
        raise unreadable from exc

    out = io.BytesIO()
    save_options = {"quality": 88} if stored_format in ("JPEG", "WEBP") else {"optimize": True}
    pixels.save(out, stored_format, **save_options)
    name = f"{secrets.token_hex(16)}.{extension}"
    return CleanImage(
        ContentFile(out.getvalue(), name=name),
        pixels.width,
        pixels.height,
        stored_format,
        hash_image(pixels),
        read_provenance(data),
    )


def _pixels_only(image: Image.Image, stored_format: str) -> Image.Image:
    """A new image holding only the decoded pixels: no info dict, no EXIF, no profiles."""
    if stored_format == "JPEG":
        mode = "RGB"
    else:
        mode = "RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB"
    converted = image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


# Room for the other fields of a form that carries an image (a note of 5,000 characters, the
# multipart boundaries), beyond the image's own limit.
FORM_FIELDS_ALLOWANCE = 256 * 1024


class UploadTooLarge(MultiPartParserError):
    """A multipart request refused by its Content-Length. A MultiPartParserError, so that Django
    answers 400 and DRF a JSON 400."""


class SizeLimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS. Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not count files,
    so without this a 200 MiB upload is read to disk whole before clean_uploaded_image sees its
    size.

    A request whose Content-Length passes EVIDENCE_MAX_UPLOAD_BYTES plus the form's fields is
    refused before its body is read. Within that, a file that grows past the limit is no longer
    stored: its chunks stop here and it arrives as an empty file carrying its size, which
    clean_uploaded_image refuses with its usual message, the form's other fields kept."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limit = settings.EVIDENCE_MAX_UPLOAD_BYTES + FORM_FIELDS_ALLOWANCE
        if content_length > limit:
            raise UploadTooLarge(
                _("The upload is too large (at most %(mb)s MB).")
                % {"mb": settings.EVIDENCE_MAX_UPLOAD_BYTES // 2**20}
            )

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received = start + len(raw_data)
        if self.received > settings.EVIDENCE_MAX_UPLOAD_BYTES:
            return None  # later handlers store nothing more of this file
        return raw_data

    def file_complete(self, file_size):
        if self.received <= settings.EVIDENCE_MAX_UPLOAD_BYTES:
            return None  # the next handler's file is the upload
        return InMemoryUploadedFile(
            io.BytesIO(),
            self.field_name,
            self.file_name,
            self.content_type,
            self.received,
            self.charset,
            self.content_type_extra,
        )
