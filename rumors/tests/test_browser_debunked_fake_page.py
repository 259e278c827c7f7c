"""A new reader on a phone opens a debunked fake's page, in English and in Korean: the verdict
is what they see first, the fake's picture only small and after a click, and its link behind a
warning. Screenshots are saved under var/screenshots/ for people to look at."""

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from config.languages import unprefixed
from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WORDS = {
    "en-GB": {"lang": "en", "verdict": "AI-generated", "show": "Show the image"},
    "ko-KR": {"lang": "ko", "verdict": "AI 생성", "show": "이미지 보기"},
}


@pytest.fixture
def debunked(thumbnails):
    source = SourceFactory(
        title="Leaked kiss clip",
        site_name="TikTok",
        fetch_state="fetched",
        thumbnail=thumbnails((640, 360)),
        thumbnail_small=thumbnails((320, 180)),
    )
    return RumorFactory(
        title="Lee Min-ho and Kim Go-eun kiss clip",
        claim="A clip shows the two leads kissing at a wrap party.",
        with_source=source,
        status="resolved",
        verdict=Verdict.AI_GENERATED,
        verdict_reached_at=timezone.now(),
    )


@pytest.mark.parametrize("locale", WORDS)
def test_a_debunked_fakes_page_on_a_phone_leads_with_the_verdict(
    browser, live_server, debunked, locale
):
    words = WORDS[locale]
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale=locale)
    context.set_default_timeout(10_000)
    page = context.new_page()
    folder = settings.VAR_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    page.goto(
        unprefixed(debunked.get_absolute_url())
    )  # an old link: the browser's language picks the page's
    expect(page.locator("html")).to_have_attribute("lang", words["lang"])
    verdict = page.locator("#verdict")
    expect(verdict).to_be_in_viewport()
    expect(verdict.locator(".verdict-now")).to_contain_text(words["verdict"])
    first_media = page.locator("article.rumor details, article.rumor img").first
    assert verdict.bounding_box()["y"] < first_media.bounding_box()["y"]
    expect(page.locator("img:visible")).to_have_count(0)
    page.screenshot(path=folder / f"debunked-{words['lang']}-phone.png")
    page.screenshot(path=folder / f"debunked-{words['lang']}-phone-full.png", full_page=True)

    tile = page.locator("details.debunked")
    expect(tile.locator("summary")).to_contain_text(words["verdict"])
    tile.get_by_text(words["show"]).click()
    revealed = tile.locator("img.revealed")
    expect(revealed).to_be_visible()
    assert revealed.evaluate("img => img.complete && img.naturalWidth") == 320
    assert revealed.bounding_box()["width"] <= 320
    expect(tile.locator("summary")).to_contain_text(words["verdict"])
    tile.screenshot(path=folder / f"debunked-{words['lang']}-phone-revealed.png")

    page.locator(".source-card a[href$='/open/']").click()
    expect(page.locator(".interstitial .badge")).to_have_text(words["verdict"])
    anyway = page.locator(".interstitial a[target=_blank]")
    assert anyway.get_attribute("href") == debunked.sources.get().url
    assert set(anyway.get_attribute("rel").split()) >= {"nofollow", "noreferrer"}
    page.screenshot(path=folder / f"debunked-{words['lang']}-phone-warning.png")

    page.goto("/en/")
    card = page.locator(".card", has_text=debunked.title).first
    expect(card.locator(".thumb-debunked")).to_be_visible()
    expect(card.locator("img")).to_have_count(0)
    context.close()
