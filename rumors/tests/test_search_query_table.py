"""What search finds, as fans type it: one table of queries and the rumors each must find,
asked of the site's search page, the API's `q` and the selector. Run it on SQLite and on
PostgreSQL (DATABASE_URL): the answers are the same on both."""

import re

import pytest

from rumors.models import Rumor
from rumors.selectors.search import search
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db

KISS, AIRPORT, AGENCY, SEASON2, DATING, SPAM = (
    "kiss",
    "airport",
    "agency",
    "season2",
    "dating",
    "spam",
)

# (query, the rumors it must find; a tuple means in this order at the top, a set in any order)
TABLE = [
    # Particles and endings
    ("김다미가", {KISS, AIRPORT}),
    ("박서준의", {KISS, AGENCY}),
    ("이태원에서", {KISS, SEASON2}),
    # Spacing of a compound
    ("이태원클라쓰", {KISS, SEASON2}),
    ("이태원 클라쓰", {KISS, SEASON2}),
    # Romanisation, initials, nicknames, name parts
    ("Park Seojoon", {KISS, AGENCY}),
    ("parkseojoon", {KISS, AGENCY}),
    ("Park Seo-joon", {KISS, AGENCY}),
    ("Seo Joon", {KISS, AGENCY}),
    ("PSJ", {KISS, AGENCY}),
    ("ㅂㅅㅈ", {KISS, AGENCY}),
    ("서준이", {KISS, AGENCY}),
    ("다미", {KISS, AIRPORT}),
    ("Itaewon Class", {KISS, SEASON2}),
    # Two names: the rumor about both first
    ("박서준 김다미", (KISS,)),
    ("김다미 박서준", (KISS,)),
    # Verdict words, both languages
    ("deepfake", {KISS}),
    ("딥페이크", {KISS}),
    ("합성", {KISS}),
    ("AI", {KISS}),
    ("사실", {AIRPORT}),
    ("가짜", {KISS, AGENCY}),
    ("fake", {KISS, AGENCY}),
    # English and Korean titles and claims
    ("kiss clip", (KISS,)),
    ("키스", {KISS}),
    ("열애설", {DATING}),
    ("dating", {DATING}),
    ("연애", {DATING}),
    # A word that matches nothing among words that do
    ("airport zzqx", {AIRPORT}),
    ("김다미 없는말", {KISS, AIRPORT}),
]


@pytest.fixture
def fans_data():
    park = PersonFactory(
        name="Park Seo-joon", name_hangul="박서준", slug="park-seo-joon", aliases="서준이"
    )
    kim = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    choi = PersonFactory(name="Choi Woo-shik", name_hangul="최우식", slug="choi-woo-shik")
    itaewon = WorkFactory(title="Itaewon Class", title_korean="이태원 클라쓰", slug="itaewon")
    made = {
        KISS: RumorFactory(
            title="Park Seo-joon and Kim Da-mi kissing off-screen",
            claim="A viral clip shows the two leads kissing backstage.",
            title_ko="박서준과 김다미의 촬영장 밖 키스 영상",
            people=[park, kim],
            works=[itaewon],
            status=Rumor.Status.RESOLVED,
            verdict=Verdict.AI_GENERATED,
        ),
        AIRPORT: RumorFactory(
            title="Kim Da-mi at the airport",
            claim="Seen at Incheon Airport with a suitcase.",
            people=[kim],
            status=Rumor.Status.RESOLVED,
            verdict=Verdict.CONFIRMED,
        ),
        AGENCY: RumorFactory(
            title="Park Seo-joon leaves his agency",
            claim="A forum post said he would leave next month.",
            people=[park],
            status=Rumor.Status.RESOLVED,
            verdict=Verdict.FALSE,
        ),
        SEASON2: RumorFactory(
            title="A second season is announced",
            claim="A poster for season 2 went round.",
            works=[itaewon],
        ),
        DATING: RumorFactory(
            title="Choi Woo-shik is dating",
            claim="Fans noticed matching rings.",
            title_ko="최우식 열애설",
            claim_ko="최우식이 비밀 연애 중이라는 소문",
            people=[choi],
        ),
        SPAM: RumorFactory(
            title="Kim Da-mi deepfake kiss spam",
            claim="딥페이크 김다미 키스",
            people=[kim],
            status=Rumor.Status.REJECTED,
        ),
    }
    return {rumor.pk: key for key, rumor in made.items()}


def site_results(client, q: str) -> list[int]:
    body = client.get("/en/search/", {"q": q}).content.decode()
    rumors = body.split('id="rumors-h"', 1)[1]
    return [int(pk) for pk in re.findall(r'<h3><a href="/en/rumors/(\d+)/', rumors)]


def api_results(client, q: str) -> list[int]:
    response = client.get("/api/v1/rumors/", {"q": q})
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


def check(found: list[str], expected) -> None:
    if isinstance(expected, tuple):
        assert tuple(found[: len(expected)]) == expected
    else:
        assert set(found) == expected


@pytest.mark.parametrize(("q", "expected"), TABLE, ids=[q for q, _ in TABLE])
def test_query_finds_its_rumors_on_the_site_and_in_the_api_alike(client, fans_data, q, expected):
    site = site_results(client, q)
    check([fans_data[pk] for pk in site], expected)
    assert api_results(client, q) == site
    assert [r.pk for r in search(q=q).rumors] == site


def test_short_latin_word_matches_whole_words_only(client, fans_data):
    found = {fans_data[pk] for pk in site_results(client, "AI")}
    # "said" (AGENCY's claim) and "Airport" (AIRPORT's) do not contain the word AI.
    assert AGENCY not in found and AIRPORT not in found


def test_two_names_rank_the_rumor_about_both_above_those_about_one(client, fans_data):
    found = [fans_data[pk] for pk in site_results(client, "박서준 김다미")]
    assert found[0] == KISS and set(found[1:]) == {AIRPORT, AGENCY}


def test_a_search_that_finds_nothing_suggests_the_closest_name(client, fans_data):
    body = client.get("/en/search/", {"q": "김다마"}).content.decode()
    assert "김다미" in body and 'href="/en/search/?q=%EA%B9%80%EB%8B%A4%EB%AF%B8"' in body
