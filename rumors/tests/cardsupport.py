"""Helpers of the share-card tests: pictures of colours no card uses, and counting them."""

import io
import re
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

# Pure green and pure blue: no verdict colour, ink or paper of a card comes near them.
FRAME_COLOUR = (0, 255, 0)
FOOTAGE_COLOUR = (0, 0, 255)


def save_frame(size=(640, 360), colour=FRAME_COLOUR, folder="thumbs") -> str:
    """A picture file under MEDIA_ROOT, all one colour: where a card shows it, it shows."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    name = f"{folder}/frame-{uuid.uuid4().hex}.png"
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def frame_pixels(png: bytes, colour=FRAME_COLOUR) -> int:
    """How many pixels of the card are (within a little noise) that colour."""
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    return sum(
        count
        for count, pixel in rgb.getcolors(maxcolors=rgb.width * rgb.height)
        if all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=True))
    )


def meta(body: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', body)
    return match.group(1) if match else None
