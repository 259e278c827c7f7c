"""Real picture files for the media-matching tests: the saved fixtures, and copies of them
re-encoded, resized or cropped the way a re-upload changes a picture."""

import io
from pathlib import Path

from PIL import Image, ImageEnhance, ImageStat

FIXTURES = Path(__file__).parent / "fixtures" / "images"


def fixture_image(name: str) -> Image.Image:
    with Image.open(FIXTURES / name) as image:
        return image.convert("RGB")


def reencoded(name: str, *, scale: float = 1.0, fmt: str = "JPEG", quality: int = 40) -> bytes:
    """The fixture resized by `scale` and saved again at a low quality: a typical re-upload."""
    image = fixture_image(name)
    if scale != 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    out = io.BytesIO()
    image.save(out, fmt, quality=quality)
    return out.getvalue()


def flat_png(size=(320, 180), colour=(200, 30, 80)) -> bytes:
    """A picture of one colour: PDQ gives it a quality too low to match anything."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def brightened(name: str, *, factor: float = 1.6, quality: int = 60) -> bytes:
    """The fixture with its brightness raised and saved again: a re-upload through a filter,
    which PDQ places further off than a mere re-encoding (a likely match, not the same)."""
    out = io.BytesIO()
    ImageEnhance.Brightness(fixture_image(name)).enhance(factor).save(out, "JPEG", quality=quality)
    return out.getvalue()


def face_swapped(image: Image.Image, *, box: tuple[int, int, int, int]) -> Image.Image:
    """The picture with the region `box` (a face's size) replaced by a patch of another photo,
    its colours matched to the region's (mean and spread per channel), as a face swap does."""
    region = image.crop(box)
    width, height = box[2] - box[0], box[3] - box[1]
    patch = fixture_image("unrelated-news-photo.jpg").crop((300, 200, 300 + width, 200 + height))
    want, have = ImageStat.Stat(region), ImageStat.Stat(patch)
    bands = []
    for i, band in enumerate(patch.split()):
        scale = want.stddev[i] / (have.stddev[i] or 1)
        shift = want.mean[i] - have.mean[i] * scale
        bands.append(band.point(lambda v, scale=scale, shift=shift: round(v * scale + shift)))
    copy = image.copy()
    copy.paste(Image.merge("RGB", bands), box)
    return copy


def jpeg_copy(image: Image.Image, *, scale: float = 1.0, quality: int = 40) -> Image.Image:
    """The picture resized and saved as a low-quality JPEG, decoded again."""
    if scale != 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def jpeg_bytes(image: Image.Image, *, quality: int = 85) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()
