import pytest

from accounts.tests.factories import UserFactory
from rumors.models import Rumor
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory, WorkFactory

pytestmark = pytest.mark.django_db


def test_people_list_counts_visible_rumors_and_searches_names(api):
    person = PersonFactory(name="Kim Da-mi", name_hangul="김다미")
    PersonFactory(name="Park Seo-joon")
    RumorFactory(people=[person])
    RumorFactory(people=[person], status=Rumor.Status.REJECTED)
    body = api.get("/api/v1/people/", {"q": "김다"}).json()
    assert [p["slug"] for p in body["results"]] == [person.slug]
    assert body["results"][0]["rumor_count"] == 1


def test_person_detail_lists_works_and_links_to_rumors(api):
    person = PersonFactory()
    work = WorkFactory()
    work.cast.add(person)
    body = api.get(f"/api/v1/people/{person.slug}/").json()
    assert [w["slug"] for w in body["works"]] == [work.slug]
    assert body["rumors_url"].endswith(f"/api/v1/rumors/?person={person.slug}")
    assert api.get("/api/v1/people/nobody/").status_code == 404


def test_works_list_filters_and_detail_shows_cast(api):
    person = PersonFactory()
    film = WorkFactory(kind="film")
    film.cast.add(person)
    WorkFactory(kind="drama")
    body = api.get("/api/v1/works/", {"kind": "film"}).json()
    assert [w["slug"] for w in body["results"]] == [film.slug]
    assert [
        w["slug"] for w in api.get("/api/v1/works/", {"person": person.slug}).json()["results"]
    ] == [film.slug]
    detail = api.get(f"/api/v1/works/{film.slug}/").json()
    assert [p["slug"] for p in detail["cast"]] == [person.slug]
    assert api.get("/api/v1/works/nothing/").status_code == 404


def test_source_detail_shows_metadata_and_its_visible_rumors(api):
    source = SourceFactory(title="Fan cam", site_name="YouTube", fetch_state="fetched")
    rumor = RumorFactory(with_source=source)
    body = api.get(f"/api/v1/sources/{source.pk}/").json()
    assert body["title"] == "Fan cam" and body["fetch_state"] == "fetched"
    assert [r["id"] for r in body["rumors"]] == [rumor.pk]


def test_source_of_rejected_rumors_only_is_hidden(api):
    source = SourceFactory()
    rumor = RumorFactory(with_source=source, status=Rumor.Status.REJECTED)
    assert api.get(f"/api/v1/sources/{source.pk}/").status_code == 404
    api.force_authenticate(UserFactory())
    assert api.get(f"/api/v1/sources/{source.pk}/").status_code == 404
    api.force_authenticate(rumor.submitted_by)
    assert api.get(f"/api/v1/sources/{source.pk}/").status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_people_list_query_count_is_constant(api, django_assert_num_queries, count):
    for person in PersonFactory.create_batch(count):
        RumorFactory(people=[person])
    with django_assert_num_queries(2):
        assert len(api.get("/api/v1/people/", {"page_size": 50}).json()["results"]) == count


@pytest.mark.parametrize("count", [5, 50])
def test_works_list_query_count_is_constant(api, django_assert_num_queries, count):
    cast = PersonFactory.create_batch(3)
    for work in WorkFactory.create_batch(count):
        work.cast.set(cast)
    # count, page, cast
    with django_assert_num_queries(3):
        assert len(api.get("/api/v1/works/", {"page_size": 50}).json()["results"]) == count


def test_details_answer_304_while_unchanged(api):
    person, work = PersonFactory(), WorkFactory()
    source = SourceFactory()
    RumorFactory(with_source=source, people=[person], works=[work])
    for url in (
        f"/api/v1/people/{person.slug}/",
        f"/api/v1/works/{work.slug}/",
        f"/api/v1/sources/{source.pk}/",
    ):
        etag = api.get(url)["ETag"]
        assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304, url
    url = f"/api/v1/people/{person.slug}/"
    etag = api.get(url)["ETag"]
    person.agency = "New agency"
    person.save(update_fields=["agency"])
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize(
    "path", ["people/bad%00slug/", "works/bad%00slug/", "people/%3Cb%3E/", "people/%0Ab/", "x%0A/"]
)
def test_names_that_cannot_be_slugs_are_json_404s(api, path):
    response = api.get(f"/api/v1/{path}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
