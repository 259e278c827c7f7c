import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from rumors.models import Rumor, Source
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory, WorkFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/rumors/"
LINK = "https://www.youtube.com/watch?v=abc123DEF45"


def _body(**overrides):
    return {"url": LINK, "title": "Airport fight", "claim": "They fought at Incheon.", **overrides}


def test_member_submits_a_rumor_with_people_and_works(api, django_capture_on_commit_callbacks):
    person, work = PersonFactory(), WorkFactory()
    api.force_authenticate(UserFactory())
    with django_capture_on_commit_callbacks():
        response = api.post(URL, _body(people=[person.slug], works=[work.slug]), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    rumor = Rumor.objects.get(pk=body["id"])
    assert [p["slug"] for p in body["people"]] == [person.slug]
    assert [w["slug"] for w in body["works"]] == [work.slug]
    assert rumor.events.get().kind == "submitted"
    assert response["Location"].endswith(f"/api/v1/rumors/{rumor.pk}/")
    assert body["sources"][0]["url"] == LINK


def test_anonymous_submission_is_401(api):
    response = api.post(URL, _body(), format="json")
    assert response.status_code == 401
    assert "submit" in response.json()["detail"] or "credentials" in response.json()["detail"]
    assert not Rumor.objects.exists()


def test_session_writes_need_the_csrf_token():
    member = UserFactory()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(URL, _body(), format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(api):
    api.force_authenticate(UserFactory())
    response = api.post(URL, _body(url="not a link", title="", people=["nobody"]), format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {"url", "title", "people"}
    assert "nobody" in body["people"][0]
    assert not Rumor.objects.exists() and not Source.objects.exists()


def test_service_rules_come_back_as_field_messages(api):
    api.force_authenticate(UserFactory())
    response = api.post(URL, _body(url="ftp://example.org/clip"), format="json")
    assert response.status_code == 400
    assert response.json()["url"]


def test_duplicate_link_points_at_the_existing_rumor(api):
    existing = RumorFactory(with_source=SourceFactory(url=LINK, normalized_url=LINK))
    api.force_authenticate(UserFactory())
    response = api.post(URL, _body(), format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "duplicate" and existing.title in body["detail"]
    assert body["rumor"]["id"] == existing.pk
    assert body["rumor"]["url"].endswith(f"/api/v1/rumors/{existing.pk}/")
    assert Rumor.objects.count() == 1


@pytest.mark.parametrize("slug", ["nobody", "bad\x00slug", "<script>", 7])
def test_people_that_are_not_slugs_of_existing_people_are_field_errors(api, slug):
    api.force_authenticate(UserFactory())
    response = api.post(URL, _body(people=[slug]), format="json")
    assert response.status_code == 400
    assert "people" in response.json()
    assert not Rumor.objects.exists()
