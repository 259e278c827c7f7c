"""The search page: these run on whichever database the suite uses, with the same answers
(test_search_query_table.py has the table of what fans type)."""

import pytest

from rumors.models import Rumor
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db


def results(client, **params) -> str:
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def kim_da_mi():
    person = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    work = WorkFactory(title="Itaewon Class", title_korean="이태원 클라쓰")
    work.cast.add(person)
    RumorFactory(title="Off-screen kiss clip", claim="A viral kiss after filming.", people=[person])
    RumorFactory(title="Airport photos", claim="Seen at Incheon airport together.")
    return person


def test_hangul_name_finds_the_actor_and_her_rumors(client, kim_da_mi):
    body = results(client, q="김다미")
    assert 'href="/en/people/kim-da-mi/"' in body
    assert "Off-screen kiss clip" in body and "Airport photos" not in body


def test_part_of_a_hangul_name_with_a_particle_still_finds_the_actor(client, kim_da_mi):
    assert 'href="/en/people/kim-da-mi/"' in results(client, q="다미")


def test_romanized_name_and_korean_title_find_people_and_works(client, kim_da_mi):
    assert 'href="/en/people/kim-da-mi/"' in results(client, q="kim da-mi")
    assert "Itaewon Class" in results(client, q="이태원")


def test_words_of_a_claim_find_the_rumor(client, kim_da_mi):
    body = results(client, q="airport")
    assert "Airport photos" in body and "Off-screen kiss clip" not in body


def test_verdict_and_status_filters_narrow_the_rumors(client):
    RumorFactory(title="Deepfake kiss", verdict=Verdict.AI_GENERATED, status="resolved")
    RumorFactory(title="Fake kiss", verdict=Verdict.FALSE, status="resolved")
    RumorFactory(title="Open kiss")
    body = results(client, q="kiss", verdict="ai_generated")
    assert "Deepfake kiss" in body and "Fake kiss" not in body and "Open kiss" not in body
    body = results(client, status="submitted")
    assert "Open kiss" in body and "Deepfake kiss" not in body


def test_rejected_rumors_are_not_found(client):
    RumorFactory(title="Spam kiss", status=Rumor.Status.REJECTED)
    assert "Spam kiss" not in results(client, q="kiss")


def test_unknown_filter_value_is_explained(client):
    body = results(client, q="kiss", verdict="bogus")
    assert "Select a valid choice" in body
    assert 'value="kiss"' in body


def test_empty_search_invites_a_query(client):
    assert "Type a name" in results(client, q="")


def test_search_queries_do_not_grow_with_results(client, django_assert_num_queries):
    # The names looked up, the rumors' terms, the candidates' dates (to rank them), the rumors
    # shown, then their people and sources; no query for people or works when the query
    # names none.
    RumorFactory.create_batch(3, title="Kiss rumor", people=[PersonFactory()])
    with django_assert_num_queries(6):
        results(client, q="kiss")
    RumorFactory.create_batch(15, title="Kiss rumor", people=[PersonFactory(), PersonFactory()])
    with django_assert_num_queries(6):
        assert results(client, q="kiss").count('class="card"') == 18


def test_rumors_matching_more_words_come_first(client):
    RumorFactory(title="Airport photos", claim="Photos from Incheon.")
    RumorFactory(title="Kiss at the airport", claim="Photos from Incheon.")
    RumorFactory(title="Kiss on set", claim="Behind the scenes.")
    body = results(client, q="airport kiss")
    assert body.index("Kiss at the airport") < body.index("Airport photos")
    assert body.index("Kiss at the airport") < body.index("Kiss on set")


def test_hangul_words_of_a_claim_find_the_rumor(client):
    RumorFactory(title="Wedding rumor", claim="박서준 김다미 결혼 발표 임박")
    RumorFactory(title="Other rumor", claim="아무 관계 없음")
    body = results(client, q="결혼 발표")
    assert "Wedding rumor" in body and "Other rumor" not in body
