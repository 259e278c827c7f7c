import pytest
from playwright.sync_api import expect

from rumors.tests.factories import PersonFactory, RumorFactory

pytestmark = pytest.mark.browser


def test_reader_switches_to_korean_and_finds_an_actor_by_hangul_name(page):
    person = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    RumorFactory(title="Off-screen kiss clip", people=[person])
    page.goto("/")
    expect(page.get_by_role("heading", name="Latest verdicts")).to_be_visible()

    page.get_by_label("Language").select_option("ko")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", name="최신 판정")).to_be_visible()

    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill("김다미")
    search.get_by_role("button", name="검색").click()
    expect(page.get_by_role("heading", name="인물")).to_be_visible()
    expect(page.get_by_text("Off-screen kiss clip")).to_be_visible()
    page.get_by_role("link", name="Kim Da-mi").first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("김다미")
    assert page.url.endswith("/people/kim-da-mi/")
    expect(page.get_by_role("heading", name="루머", exact=True)).to_be_visible()
