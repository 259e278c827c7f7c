import pytest

from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db


def test_actor_page_shows_both_names_works_castmates_and_feed(client):
    person = PersonFactory(name="Park Seo-joon", name_hangul="박서준")
    partner = PersonFactory(name="Kim Da-mi")
    work = WorkFactory(title="Itaewon Class", title_korean="이태원 클라쓰")
    work.cast.add(person, partner)
    body = client.get(person.get_absolute_url()).content.decode()
    assert "Park Seo-joon" in body and '<span lang="ko" class="hangul">박서준</span>' in body
    assert "Itaewon Class" in body and "이태원 클라쓰" in body
    assert partner.get_absolute_url() in body
    assert f"/people/{person.slug}/feed/" in body


def test_verdict_breakdown_counts_each_verdict_with_its_word(client):
    person = PersonFactory()
    RumorFactory.create_batch(2, people=[person], verdict=Verdict.AI_GENERATED)
    RumorFactory(people=[person], verdict=Verdict.FALSE)
    RumorFactory(people=[person])
    RumorFactory(verdict=Verdict.FALSE)  # someone else's
    body = client.get(person.get_absolute_url()).content.decode()
    breakdown = body[body.index('id="breakdown-h"') : body.index("</section>")]
    assert "AI-generated</span> <strong>2</strong>" in breakdown
    assert "False</span> <strong>1</strong>" in breakdown
    assert "No verdict yet</span> <strong>1</strong>" in breakdown


def test_drama_page_shows_cast_and_breakdown(client):
    person = PersonFactory(name="Song Hye-kyo", name_hangul="송혜교")
    work = WorkFactory(title="The Glory", title_korean="더 글로리")
    work.cast.add(person)
    RumorFactory(works=[work], verdict=Verdict.STAGED)
    body = client.get(work.get_absolute_url()).content.decode()
    assert "더 글로리" in body and "송혜교" in body
    assert "Staged</span> <strong>1</strong>" in body


@pytest.mark.parametrize("page", ["person", "work"])
def test_pages_queries_do_not_grow_with_rumors_or_cast(client, django_assert_num_queries, page):
    person, work = PersonFactory(), WorkFactory()
    work.cast.add(person)
    obj = person if page == "person" else work
    queries = 7 if page == "person" else 6  # an actor: their dramas, then each drama's cast
    RumorFactory(people=[person], works=[work])
    with django_assert_num_queries(queries):
        client.get(obj.get_absolute_url())
    for _ in range(4):
        other = WorkFactory()
        other.cast.add(person, *PersonFactory.create_batch(3))
        work.cast.add(PersonFactory())
    RumorFactory.create_batch(10, people=[person, PersonFactory()], works=[work])
    with django_assert_num_queries(queries):
        body = client.get(obj.get_absolute_url()).content.decode()
    assert body.count('class="card"') == 11
