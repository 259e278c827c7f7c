"""Thumbnails from downloaded image bytes: verified with Pillow, metadata stripped by re-encoding
the pixels, two resized copies, and the perceptual hash (the PDQ hash of rumors/matching.py, taken
in memory before anything is stored). No network, no database."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from rumors.fetchers.provenance import Finding, read_provenance
from rumors.matching import MediaHash, hash_image

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
LARGE_BOX = (640, 640)
SMALL_SIZE = (320, 180)


class ImageRejected(ValueError):
    """The bytes are not an image we keep; the message says why."""


@dataclass(frozen=True)
class Thumbnails:
    large: bytes
    small: bytes
    width: int
    height: int
    media_hash: MediaHash
    # What the downloaded bytes said about where they came from (fetchers/provenance.py).
    provenance: Finding


def _open(data: bytes, max_pixels: int) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected("The file is not an image Pillow can read.") from exc
    except Image.DecompressionBombError as exc:
        raise ImageRejected("The image is too large.") from exc
    if image.format not in ACCEPTED_FORMATS:
        raise ImageRejected(f"Images in {image.format} format are not kept.")
    width, height = image.size
    # Checked on the header, before decoding: a small file may declare a huge canvas.
    if width <= 0 or height <= 0 or width * height > max_pixels:
        raise ImageRejected(f"The image is too large ({width}×{height} pixels).")
    return image


def _decode(data: bytes, max_pixels: int) -> Image.Image:
    image = _open(data, max_pixels)
    try:
        image.verify()
    except Exception as exc:  # noqa: BLE001 - verify() raises many types for broken files
        raise ImageRejected("The image file is damaged or incomplete.") from exc
    image = _open(data, max_pixels)  # verify() leaves the image unusable: open it again
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected("The image file is damaged or incomplete.") from exc
    except Image.DecompressionBombError as exc:
        raise ImageRejected("The image is too large.") from exc
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # Saved from pixels alone: no EXIF (GPS, device), no ICC or XMP is carried over.
    image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def make_thumbnails(data: bytes, *, max_pixels: int) -> Thumbnails:
    """Verify and re-encode an image; raise ImageRejected with a reason otherwise."""
    image = _decode(data, max_pixels)
    large = image.copy()
    large.thumbnail(LARGE_BOX, Image.Resampling.LANCZOS)
    small = ImageOps.fit(image, SMALL_SIZE, Image.Resampling.LANCZOS)
    return Thumbnails(
        large=_jpeg(large),
        small=_jpeg(small),
        width=image.width,
        height=image.height,
        media_hash=hash_image(image),
        provenance=read_provenance(data),
    )
