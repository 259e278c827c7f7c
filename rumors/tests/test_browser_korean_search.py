import pytest
from playwright.sync_api import expect

from rumors.models import Rumor
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.browser


def test_reader_switches_to_korean_and_finds_an_actor_by_hangul_name(page):
    person = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    RumorFactory(title="Off-screen kiss clip", people=[person])
    page.goto("/en/")
    expect(page.get_by_role("heading", name="Latest verdicts")).to_be_visible()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="한국어").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", name="최신 판정")).to_be_visible()

    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill("김다미")
    search.get_by_role("button", name="검색").click()
    expect(page.get_by_role("heading", name="인물")).to_be_visible()
    expect(page.get_by_text("Off-screen kiss clip")).to_be_visible()
    # The Korean interface leads with the Hangul name.
    page.get_by_role("link", name="김다미", exact=True).first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("김다미")
    assert page.url.endswith("/ko/people/kim-da-mi/")
    expect(page.get_by_role("heading", name="루머", exact=True)).to_be_visible()


def test_korean_fan_finds_rumors_the_way_fans_type_them(page):
    park = PersonFactory(name="Park Seo-joon", name_hangul="박서준", slug="park-seo-joon")
    kim = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    work = WorkFactory(title="Itaewon Class", title_korean="이태원 클라쓰", slug="itaewon-class")
    RumorFactory(
        title="Park Seo-joon and Kim Da-mi kissing off-screen",
        title_ko="박서준과 김다미의 촬영장 밖 키스 영상",
        people=[park, kim],
        works=[work],
        status=Rumor.Status.RESOLVED,
        verdict=Verdict.AI_GENERATED,
    )
    RumorFactory(title="Kim Da-mi at the airport", people=[kim])
    page.goto("/en/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="한국어").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")

    def search_for(q):
        box = page.get_by_role("search").first
        box.get_by_role("searchbox").fill(q)
        box.get_by_role("button", name="검색").click()

    kiss = page.get_by_role("link", name="박서준과 김다미의 촬영장 밖 키스 영상")
    for q in ("박서준의", "이태원클라쓰", "딥페이크", "키스", "ㅂㅅㅈ"):
        search_for(q)
        expect(kiss).to_be_visible()
    search_for("박서준 김다미")
    cards = page.locator("article.card h3")
    expect(cards.first).to_have_text("박서준과 김다미의 촬영장 밖 키스 영상")
    expect(cards).to_have_count(2)

    search_for("김다마")
    expect(page.get_by_text("혹시 이것을 찾으셨나요:")).to_be_visible()
    page.get_by_role("link", name="김다미", exact=True).click()
    expect(page.get_by_role("heading", name="인물")).to_be_visible()
