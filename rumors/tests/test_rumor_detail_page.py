import pytest

from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory, WorkFactory

pytestmark = pytest.mark.django_db


def test_related_rumors_are_those_about_the_same_people(client):
    person = PersonFactory()
    rumor = RumorFactory(people=[person])
    sibling = RumorFactory(title="Sibling rumor", people=[person, PersonFactory()])
    stranger = RumorFactory(title="Stranger rumor", people=[PersonFactory()])
    body = client.get(rumor.get_absolute_url()).content.decode()
    related = body[body.index('id="related-h"') : body.index("</aside>")]
    assert sibling.title in related and stranger.title not in related
    assert rumor.get_absolute_url() not in related


def test_sensitive_thumbnail_is_blurred_behind_a_warning_until_revealed(client):
    source = SourceFactory(
        thumbnail="thumbs/fake.jpg", thumbnail_small="thumbs/fake-s.jpg", is_sensitive=True
    )
    rumor = RumorFactory(with_source=source)
    body = client.get(rumor.get_absolute_url()).content.decode()
    details = body[body.index('<details class="sensitive">') : body.index("</details>")]
    assert "Sensitive image" in details
    assert 'class="blurred" src="/media/thumbs/fake-s.jpg"' in details
    assert 'class="revealed" src="/media/thumbs/fake.jpg"' in details
    assert body.count("/media/thumbs/fake.jpg") == 1  # only inside the closed <details>


def test_the_page_never_embeds_the_clip(client):
    source = SourceFactory(video_url="https://cdn.example/clip.mp4", fetch_state="fetched")
    body = client.get(RumorFactory(with_source=source).get_absolute_url()).content.decode()
    assert "<video" not in body and "<iframe" not in body and "clip.mp4" not in body


def test_rumor_page_queries_do_not_grow_with_people_sources_or_events(
    client, django_assert_num_queries
):
    small = RumorFactory(people=[PersonFactory()])
    with django_assert_num_queries(10):
        client.get(small.get_absolute_url())
    people = PersonFactory.create_batch(5)
    big = RumorFactory(people=people, works=WorkFactory.create_batch(3))
    big.sources.add(*SourceFactory.create_batch(4))
    for person in people:
        RumorFactory.create_batch(2, people=[person])
    for _ in range(10):
        big.events.create(kind="edited")
    # Two more than the small rumor's page: the people and sources of the related rumors,
    # which the small rumor has none of. No more however many there are.
    with django_assert_num_queries(12):
        response = client.get(big.get_absolute_url())
    assert response.content.decode().count('class="source-card"') == 5
