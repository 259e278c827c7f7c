"""In the Korean interface pages show the Korean names and text first, the romanised or English
beside; in the English interface the other way round. The API carries both."""

import pytest

from config.languages import in_language
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rumor():
    kim = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    work = WorkFactory(title="Itaewon Class", title_korean="이태원 클라쓰", slug="itaewon-class")
    work.cast.add(kim)
    return RumorFactory(
        title="Kim Da-mi kissing off-screen",
        claim="A viral clip shows a kiss backstage.",
        title_ko="김다미 촬영장 밖 키스",
        claim_ko="무대 뒤 키스 장면이라는 영상",
        people=[kim],
        works=[work],
    )


def page(client, url, language):
    return client.get(in_language(url, language)).content.decode()


def test_person_and_work_pages_lead_with_the_readers_language(client, rumor):
    assert '<h1>김다미 <span lang="en" class="hangul">Kim Da-mi</span></h1>' in page(
        client, "/en/people/kim-da-mi/", "ko"
    )
    assert '<h1>Kim Da-mi <span lang="ko" class="hangul">김다미</span></h1>' in page(
        client, "/en/people/kim-da-mi/", "en"
    )
    korean = page(client, "/en/works/itaewon-class/", "ko")
    assert '<h1><cite>이태원 클라쓰</cite> <span lang="en" class="hangul">Itaewon Class' in korean


def test_rumor_page_and_cards_show_the_korean_title_and_claim_in_korean(client, rumor):
    korean = page(client, rumor.get_absolute_url(), "ko")
    assert "<h1>김다미 촬영장 밖 키스</h1>" in korean and "무대 뒤 키스 장면이라는 영상" in korean
    english = page(client, rumor.get_absolute_url(), "en")
    assert "<h1>Kim Da-mi kissing off-screen</h1>" in english
    assert "A viral clip shows a kiss backstage." in english
    assert ">김다미 촬영장 밖 키스</a></h3>" in page(client, "/en/search/?q=키스", "ko")


def test_a_rumor_without_korean_text_shows_its_english_in_korean(client):
    plain = RumorFactory(title="Airport photos", claim="Seen at Incheon.")
    assert "<h1>Airport photos</h1>" in page(client, plain.get_absolute_url(), "ko")


def test_api_gives_both_languages(client, rumor):
    row = client.get(f"/api/v1/rumors/{rumor.pk}/").json()
    assert (row["title"], row["title_ko"]) == (
        "Kim Da-mi kissing off-screen",
        "김다미 촬영장 밖 키스",
    )
    assert row["claim_ko"] == "무대 뒤 키스 장면이라는 영상"
