"""Share cards: the 1200×630 PNGs that link previews show, drawn here with Pillow.

This module draws what it is given and keeps the drawings in the cache; what a card may say
and show (above all, never a withheld, sensitive or debunked frame) is decided by
rumors.selectors.cards, which builds the `Card` this module draws.

The text is drawn with the vendored NanumSquare Bold (static/fonts/, SIL Open Font License),
which has every Hangul syllable and Latin, so a card reads the same on a machine with no fonts.
"""

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont, ImageOps

WIDTH, HEIGHT = 1200, 630
FONT_PATH = settings.BASE_DIR / "static" / "fonts" / "NanumSquareB.ttf"
# Part of every cache key and rumor card URL: a change to the drawing makes new URLs, so that
# platforms fetch the new picture.
DESIGN = "1"
CACHE_SECONDS = 30 * 24 * 3600

PAPER = (251, 250, 247)
INK = (28, 28, 30)
MUTED = (88, 92, 98)
MARGIN = 64
BAND_HEIGHT = 200
FRAME_SIZE = (400, 300)


@dataclass(frozen=True)
class Card:
    """What one card shows. `frame` is the bytes of a picture the selector found safe to draw
    (a real, visible, unreported frame), or None."""

    heading: str  # in the coloured band: a verdict label, "Under review", a page's name
    colour: str  # the band's colour, "#rrggbb"
    subheading: str  # under the band: the verdict's meaning
    title: str
    people: str
    footer: str
    frame: bytes | None = None
    frame_caption: str = ""  # under the picture: what it is ("Evidence: Original footage")


@lru_cache(maxsize=16)
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


def _hex(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _split_long(word: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """A word wider than the line (a long Korean phrase without spaces), cut between characters."""
    pieces, piece = [], ""
    for char in word:
        if piece and face.getlength(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """`text` in at most `max_lines` lines no wider than `width`, the last one ending in "…"
    when the text does not fit."""
    words = [p for word in text.split() for p in _split_long(word, face, width)]
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if line and face.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and face.getlength(last + "…") > width:
        last = last[:-1].rstrip()
    return [*lines[: max_lines - 1], last + "…"]


def _paste_frame(image: Image.Image, frame: bytes, box: tuple[int, int]) -> None:
    with Image.open(io.BytesIO(frame)) as picture:
        fitted = ImageOps.fit(picture.convert("RGB"), FRAME_SIZE)
    image.paste(fitted, box)


def draw(card: Card) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    band = _hex(card.colour)
    pen.rectangle((0, 0, WIDTH, BAND_HEIGHT), fill=band)
    heading = wrap(card.heading, font(96), WIDTH - 2 * MARGIN, 1)[0]
    pen.text((MARGIN, BAND_HEIGHT // 2), heading, font=font(96), fill="white", anchor="lm")

    text_width = WIDTH - 2 * MARGIN
    if card.frame:
        left, top = WIDTH - MARGIN - FRAME_SIZE[0], BAND_HEIGHT + 40
        _paste_frame(image, card.frame, (left, top))
        caption = wrap(card.frame_caption, font(24), FRAME_SIZE[0], 1)
        if caption:
            pen.text((left, top + FRAME_SIZE[1] + 10), caption[0], font=font(24), fill=MUTED)
        text_width -= FRAME_SIZE[0] + 40

    y = BAND_HEIGHT + 36
    subheading = wrap(card.subheading, font(30), text_width, 2)
    for line in subheading:
        pen.text((MARGIN, y), line, font=font(30), fill=band)
        y += 40
    y += 14
    # Five lines of text fit between the band and the footer.
    for line in wrap(card.title, font(52), text_width, 4 - len(subheading)):
        pen.text((MARGIN, y), line, font=font(52), fill=INK)
        y += 64
    if card.people:
        people = wrap(card.people, font(32), text_width, 1)[0]
        pen.text((MARGIN, y + 8), people, font=font(32), fill=MUTED)

    pen.rectangle((0, HEIGHT - 8, WIDTH, HEIGHT), fill=band)
    pen.text((MARGIN, HEIGHT - 48), card.footer, font=font(30), fill=MUTED, anchor="ls")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def cached_png(*key_parts: object, build: Callable[[], Card]) -> bytes:
    """The card kept under a key made of `key_parts` (parts that change whenever what the card
    shows changes), drawn and kept on a miss. `build` is called only on a miss: it may read
    files. Callers hold no transaction: drawing takes tens of milliseconds."""
    digest = hashlib.sha256("\n".join(map(str, key_parts)).encode()).hexdigest()[:24]
    key = f"card:{DESIGN}:{digest}"
    png = cache.get(key)
    if png is None:
        png = draw(build())
        cache.set(key, png, CACHE_SECONDS)
    return png
