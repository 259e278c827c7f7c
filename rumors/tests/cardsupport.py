"""Helpers of the share-card tests: a source frame of a colour no card uses, and counting it."""

import io
import re
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

# Pure green: no verdict colour, ink or paper of a card comes near it.
FRAME_COLOUR = (0, 255, 0)


def save_frame(size=(640, 360)) -> str:
    """A thumbnail file under MEDIA_ROOT, all FRAME_COLOUR: where a card shows it, it shows."""
    buffer = io.BytesIO()
    Image.new("RGB", size, FRAME_COLOUR).save(buffer, "PNG")
    return default_storage.save(
        f"thumbs/frame-{uuid.uuid4().hex}.png", ContentFile(buffer.getvalue())
    )


def frame_pixels(png: bytes) -> int:
    """How many pixels of the card are the frame's colour."""
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    return sum(
        count
        for count, (r, g, b) in rgb.getcolors(maxcolors=rgb.width * rgb.height)
        if r < 40 and g > 215 and b < 40
    )


def meta(body: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', body)
    return match.group(1) if match else None
