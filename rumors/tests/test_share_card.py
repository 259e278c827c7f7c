"""Every rumor has a share card: a 1200×630 PNG drawn by the site, in English and Korean, with
the verdict (or "Under review") and never the fake's frame; its URL changes with the verdict."""

import io
from datetime import timedelta
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageChops

from config.languages import in_language
from config.shared_cache import shared_cache_control
from rumors import cards
from rumors.models import Rumor
from rumors.selectors import cards as share
from rumors.tests.cardsupport import frame_pixels, meta, save_frame
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory
from rumors.verdicts import SCALE, Verdict

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("card_cache")]

DEBUNKING = [code for code, info in SCALE.items() if info.media_debunked]


@pytest.fixture
def frame():
    name = save_frame()
    yield name
    default_storage.delete(name)


def card_path(client, rumor, lang="en") -> str:
    body = client.get(in_language(rumor.get_absolute_url(), lang)).content.decode()
    return urlsplit(unescape(meta(body, "og:image"))).path


def fetch_card(client, rumor, lang="en"):
    response = client.get(card_path(client, rumor, lang))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "image/png"
    return response.content


def resolved(rumor: Rumor, verdict: str) -> Rumor:
    Rumor.objects.filter(pk=rumor.pk).update(
        verdict=verdict, status=Rumor.Status.RESOLVED, verdict_reached_at=timezone.now()
    )
    rumor.refresh_from_db()
    return rumor


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_card_is_a_1200_by_630_png_in_each_language(client, lang):
    rumor = RumorFactory(verdict=Verdict.FALSE, status="resolved")
    path = card_path(client, rumor, lang)
    assert path.endswith(f".{lang}.png")
    with Image.open(io.BytesIO(fetch_card(client, rumor, lang))) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_english_and_korean_cards_differ(client):
    rumor = RumorFactory(verdict=Verdict.AI_GENERATED, status="resolved")
    assert fetch_card(client, rumor, "en") != fetch_card(client, rumor, "ko")


def test_card_says_the_verdict_its_meaning_the_title_and_the_people():
    people = [PersonFactory(name="Kim Go-eun", name_hangul="김고은")]
    rumor = RumorFactory(title="Kiss clip", verdict=Verdict.AI_GENERATED, people=people)
    rumor = share.rumor_card_get(pk=rumor.pk, user=rumor.submitted_by)
    english, korean = (share.rumor_card(rumor=rumor, lang=lang) for lang in ("en", "ko"))
    assert (english.heading, english.colour) == ("AI-generated", SCALE["ai_generated"].colour)
    assert english.subheading == "The media was synthesised or face-swapped by AI."
    assert (english.title, english.people) == ("Kiss clip", "Kim Go-eun")
    assert (korean.heading, korean.people) == ("AI 생성", "김고은")
    assert "Jinjja" in english.footer and "Jinjja" in korean.footer


def test_card_before_a_verdict_says_under_review():
    rumor = share.rumor_card_get(pk=RumorFactory().pk, user=AnonymousUser())
    assert share.rumor_card(rumor=rumor, lang="en").heading == "Under review"
    assert share.rumor_card(rumor=rumor, lang="ko").heading == "검토 중"


@pytest.mark.parametrize("verdict", DEBUNKING)
def test_card_never_draws_the_frame_of_media_the_verdict_calls_fake(client, frame, verdict):
    rumor = resolved(RumorFactory(with_source=SourceFactory(thumbnail=frame)), verdict)
    png = fetch_card(client, rumor)
    assert frame_pixels(png) == 0


def test_card_of_a_confirmed_clip_may_show_its_frame_and_still_differs_from_it(client, frame):
    rumor = resolved(RumorFactory(with_source=SourceFactory(thumbnail=frame)), Verdict.CONFIRMED)
    png = fetch_card(client, rumor)
    assert 100_000 < frame_pixels(png) < 1200 * 630 // 2
    with default_storage.open(frame) as file, Image.open(file) as source:
        source_frame = source.convert("RGB").resize((1200, 630))
    with Image.open(io.BytesIO(png)) as card:
        difference = ImageChops.difference(card.convert("RGB"), source_frame).convert("L")
    differing = difference.point(lambda v: 255 if v > 8 else 0).histogram()[255]
    assert differing > 1200 * 630 // 2


@pytest.mark.parametrize(
    "state", ["withheld source", "sensitive source", "sensitive rumor", "open, withheld"]
)
def test_card_never_draws_a_withheld_or_sensitive_frame(client, frame, state):
    source = SourceFactory(
        thumbnail=frame,
        is_sensitive=state == "sensitive source",
        media_hidden_at=timezone.now() if "withheld" in state else None,
    )
    rumor = RumorFactory(with_source=source, is_sensitive=state == "sensitive rumor")
    if not state.startswith("open"):
        rumor = resolved(rumor, Verdict.CONFIRMED)
    assert frame_pixels(fetch_card(client, rumor)) == 0


def test_card_url_changes_after_a_verdict_and_again_in_a_new_round(client):
    rumor = RumorFactory()
    before = card_path(client, rumor)
    rumor = resolved(rumor, Verdict.FALSE)
    after = card_path(client, rumor)
    Rumor.objects.filter(pk=rumor.pk).update(
        review_round=2, status=Rumor.Status.UNDER_REVIEW, verdict=""
    )
    reopened = card_path(client, rumor)
    assert len({before, after, reopened}) == 3


def test_card_url_changes_when_the_title_is_redacted(client):
    rumor = RumorFactory(title="Private address of the actor")
    before = card_path(client, rumor)
    Rumor.objects.filter(pk=rumor.pk).update(title="Rumor about the actor")
    assert card_path(client, rumor) != before


def test_an_old_card_version_redirects_to_the_current_one(client):
    rumor = RumorFactory()
    old = card_path(client, rumor, "ko")
    rumor = resolved(rumor, Verdict.STAGED)
    response = client.get(old)
    assert response.status_code == 302
    assert response["Location"] == card_path(client, rumor, "ko")


def test_a_card_in_another_language_is_not_found(client):
    rumor = RumorFactory()
    path = card_path(client, rumor).replace(".en.png", ".fr.png")
    assert client.get(path).status_code == 404


def test_versioned_card_is_cached_for_a_year_and_drawn_once(client, monkeypatch):
    drawn = []
    draw = cards.draw
    monkeypatch.setattr(cards, "draw", lambda card: drawn.append(card) or draw(card))
    rumor = RumorFactory(verdict=Verdict.SATIRE, status="resolved")
    path = card_path(client, rumor)
    first, second = client.get(path), client.get(path)
    assert first.content == second.content and len(drawn) == 1
    # Browsers and platforms a year; shared caches only CACHE_S_MAXAGE, so that a hold reaches
    # them as fast as it reaches the page.
    assert first["Cache-Control"] == shared_cache_control(max_age=31536000, immutable=True)
    assert first["Cache-Control"].startswith("public, max-age=31536000, immutable, s-maxage=")


def test_held_rumors_card_answers_451_like_its_page(client):
    rumor = RumorFactory()
    path = card_path(client, rumor)
    Rumor.objects.filter(pk=rumor.pk).update(held_until=timezone.now() + timedelta(days=1))
    assert client.get(path).status_code == 451
    assert client.get(rumor.get_absolute_url()).status_code == 451


def test_rejected_rumors_card_is_not_found_and_its_submitters_is_private(client):
    rumor = RumorFactory()
    path = card_path(client, rumor)
    Rumor.objects.filter(pk=rumor.pk).update(status=Rumor.Status.REJECTED)
    assert client.get(path).status_code == 404
    client.force_login(rumor.submitted_by)
    response = client.get(path)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
