"""Hangul on the cards is drawn, not boxes, on any machine: the cards use the font vendored
under static/fonts/ (with its licence), never a system font, and it has every glyph a Korean
card needs."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import override
from PIL import Image, ImageChops

from rumors import cards
from rumors.cards import Card
from rumors.selectors import cards as share
from rumors.tests.factories import PersonFactory, RumorFactory
from rumors.verdicts import SCALE

# U+FFFF is no character: every font draws its .notdef glyph, the "box", for it.
NOT_A_CHARACTER = "\uffff"


def glyph(char: str, size: int = 48) -> tuple:
    mask = cards.font(size).getmask(char)
    return mask.size, bytes(mask)


def test_cards_use_the_vendored_open_licensed_font():
    fonts = Path(settings.BASE_DIR) / "static" / "fonts"
    assert Path(cards.FONT_PATH).parent == fonts and Path(cards.FONT_PATH).is_file()
    assert "SIL OPEN FONT LICENSE" in (fonts / "OFL.txt").read_text()


@pytest.mark.django_db
def test_every_character_of_the_korean_cards_is_a_glyph_not_a_box():
    person = PersonFactory(name="Kim Go-eun", name_hangul="김고은")
    rumor = share.rumor_card_get(
        pk=RumorFactory(title="김고은 키스 영상은 가짜일까?", people=[person]).pk,
        user=AnonymousUser(),
    )
    korean = [share.rumor_card(rumor=rumor, lang="ko")]
    korean += [share.page_card(page=page, lang="ko") for page in share.PAGE_CARDS]
    text = "".join(f"{c.heading}{c.subheading}{c.title}{c.people}{c.footer}" for c in korean)
    with override("ko"):
        text += "".join(f"{info.label}{info.meaning}" for info in SCALE.values())
    box = glyph(NOT_A_CHARACTER)
    hangul = {char for char in text if "\uac00" <= char <= "\ud7a3"}
    assert len(hangul) > 100
    missing = sorted(char for char in set(text) - {" "} if glyph(char) == box)
    assert missing == []


def test_a_korean_card_differs_from_the_same_card_drawn_with_boxes():
    def png(title: str) -> Image.Image:
        card = Card("거짓", SCALE["false"].colour, "주장은 거짓입니다.", title, "", "진짜 Jinjja")
        return Image.open(io.BytesIO(cards.draw(card))).convert("RGB")

    title = "키스 영상"
    boxes = "".join(NOT_A_CHARACTER if char != " " else char for char in title)
    assert ImageChops.difference(png(title), png(boxes)).getbbox() is not None
    # The title is drawn at all: dark ink where it goes.
    region = png(title).crop((64, 280, 700, 360)).convert("L")
    assert min(region.getextrema()) < 80
