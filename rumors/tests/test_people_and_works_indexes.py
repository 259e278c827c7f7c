"""/people/ and /works/: index pages of actors and dramas, A–Z and by Hangul initial, each
entry with its counts of public rumors and verdicts."""

import pytest
from django.urls import reverse

from rumors.models import Rumor
from rumors.selectors.indexes import hangul_initial
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "initial"),
    [
        ("김다미", "ㄱ"),
        ("꽃보다 남자", "ㄱ"),
        ("박서준", "ㅂ"),
        ("씨엔블루", "ㅅ"),
        ("Kim", None),
        ("", None),
    ],
)
def test_a_hangul_name_is_filed_under_its_first_consonant(name, initial):
    assert hangul_initial(name) == initial


def test_people_are_listed_by_hangul_initial_with_rumor_and_verdict_counts(client):
    kim = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    park = PersonFactory(name="Park Seo-joon", name_hangul="박서준", slug="park-seo-joon")
    RumorFactory(people=[kim, park], verdict="ai_generated")
    RumorFactory(people=[kim])
    RumorFactory(people=[kim], status=Rumor.Status.REJECTED, verdict="false")

    html = client.get("/en/people/", {"letter": "ㄱ"}).content.decode()
    assert "김다미" in html and "박서준" not in html
    assert "2 rumors · 1 verdict" in html, "the rejected rumor is not counted"
    assert "박서준" in client.get("/en/people/", {"letter": "ㅂ"}).content.decode()


def test_people_are_listed_a_to_z(client):
    PersonFactory(name="IU", name_hangul="아이유", slug="iu")
    PersonFactory(name="Gong Yoo", name_hangul="공유", slug="gong-yoo")
    html = client.get("/en/people/", {"letter": "I"}).content.decode()
    assert "/en/people/iu/" in html and "/en/people/gong-yoo/" not in html
    every = client.get("/en/people/").content.decode()
    assert every.index("Gong Yoo") < every.index("IU")


def test_works_are_listed_by_title_and_korean_title(client):
    WorkFactory(title="Itaewon Class", title_korean="이태원 클라쓰", slug="itaewon-class")
    WorkFactory(title="Goblin", title_korean="도깨비", slug="goblin")
    assert "/en/works/itaewon-class/" in client.get("/en/works/", {"letter": "ㅇ"}).content.decode()
    html = client.get("/en/works/", {"letter": "G"}).content.decode()
    assert "/en/works/goblin/" in html and "/en/works/itaewon-class/" not in html


def test_an_unknown_letter_shows_every_entry(client):
    PersonFactory(slug="someone")
    assert (
        "/en/people/someone/" in client.get("/en/people/", {"letter": "<script>"}).content.decode()
    )


def test_the_index_pages_are_linked_from_every_footer_and_read_in_korean(client):
    html = client.get("/ko/").content.decode()
    assert reverse("rumors:people") in html and reverse("rumors:works") in html
    assert reverse("api-docs") in html
    assert "인물" in client.get("/ko/people/").content.decode()


def test_an_index_page_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    for n in range(5):
        RumorFactory(people=[PersonFactory(name=f"Person {n}", slug=f"person-{n}")])
    with django_assert_num_queries(1):
        client.get("/en/people/")
