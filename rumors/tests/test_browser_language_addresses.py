"""A new reader in Chromium: opens an old unprefixed link, switches the rumor page to Korean in
the footer, shares its link, and a friend opens that link in a fresh browser set to English:
the friend gets the Korean page that was shared, and the address says so. Screenshots are
saved under var/screenshots/."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from config.languages import in_language, unprefixed
from rumors.tests.factories import RumorFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.browser

KOREAN_TITLE = "박서준과 김다미의 촬영장 밖 키스 영상"


def test_switch_share_and_open_the_link_in_a_fresh_browser(browser, live_server, settings):
    settings.SITE_URL = live_server.url
    rumor = RumorFactory(
        title="Park Seo-joon and Kim Da-mi kissing off-screen",
        title_ko=KOREAN_TITLE,
        status="resolved",
        verdict=Verdict.AI_GENERATED,
        verdict_reached_at=timezone.now(),
    )
    folder = settings.VAR_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    reader = browser.new_context(base_url=live_server.url, locale="en-GB")
    reader.set_default_timeout(10_000)
    page = reader.new_page()

    page.goto(unprefixed(rumor.get_absolute_url()))
    assert page.url == live_server.url + rumor.get_absolute_url()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="한국어").click()
    korean = live_server.url + in_language(rumor.get_absolute_url(), "ko")
    assert page.url == korean
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "박서준과 김다미의 촬영장 밖 키스 영상"
    )
    shared = page.locator("#verdict .share input").input_value()
    assert shared == korean
    page.screenshot(path=folder / "language-switched-ko.png")
    # The choice is remembered: an old link now opens in Korean.
    page.goto("/")
    assert page.url == f"{live_server.url}/ko/"

    friend = browser.new_context(locale="en-US")
    other = friend.new_page()
    other.goto(shared)
    assert other.url == korean
    expect(other.locator("html")).to_have_attribute("lang", "ko")
    expect(other.locator("#verdict .badge").first).to_have_text("AI 생성")
    assert friend.cookies() == []  # an anonymous page set nothing
    other.screenshot(path=folder / "shared-link-fresh-browser.png")
    # And back to English from the footer.
    other.get_by_role("navigation", name="언어").get_by_role("link", name="English").click()
    assert other.url == live_server.url + rumor.get_absolute_url()
    expect(other.get_by_role("heading", level=1)).to_have_text(rumor.title)
    friend.close()
    reader.close()
