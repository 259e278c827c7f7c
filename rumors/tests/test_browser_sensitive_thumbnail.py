import pytest
from playwright.sync_api import expect

from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.browser


def test_sensitive_thumbnail_stays_blurred_until_the_reader_reveals_it(page, thumbnails):
    source = SourceFactory(
        title="Deepfake clip",
        fetch_state="fetched",
        thumbnail=thumbnails((640, 360)),
        thumbnail_small=thumbnails((320, 180)),
        is_sensitive=True,
    )
    rumor = RumorFactory(title="Deepfake rumor", with_source=source)

    page.goto("/en/")
    card_thumb = page.locator(".card .thumb").first
    expect(card_thumb).to_have_text("Sensitive")
    expect(page.locator(".card img")).to_have_count(0)

    page.goto(rumor.get_absolute_url())
    revealed = page.locator("img.revealed")
    blurred = page.locator("img.blurred")
    expect(page.get_by_text("Sensitive image", exact=True)).to_be_visible()
    expect(revealed).to_be_hidden()
    expect(blurred).to_be_visible()
    assert "blur" in blurred.evaluate("img => getComputedStyle(img).filter")

    page.get_by_text("Show the image").click()
    expect(revealed).to_be_visible()
    expect(blurred).to_be_hidden()
    assert revealed.evaluate("img => img.complete && img.naturalWidth") == 640
