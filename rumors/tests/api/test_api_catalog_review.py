"""POST /api/v1/people/{slug}/review/ and works/{slug}/review/ with {"decision": "approve" |
"reject"}: moderators decide a member's proposal; members 403 on a listed one and 404 on a
proposal; a bad decision 400; a decided proposal 400."""

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import CatalogStatus, Person, Work
from rumors.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return Person.objects.create(
        name="Choi Woo-shik", slug="choi-woo-shik", status=CatalogStatus.PROPOSED
    )


def test_a_moderator_approves_a_person(api, person):
    api.force_authenticate(ModeratorFactory())
    response = api.post(f"/api/v1/people/{person.slug}/review/", {"decision": "approve"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved" and response.json()["slug"] == person.slug
    assert api.get("/api/v1/people/").json()["count"] == 1
    again = api.post(f"/api/v1/people/{person.slug}/review/", {"decision": "reject"})
    assert again.status_code == 400 and "decided already" in str(again.json())


def test_a_moderator_rejects_a_work(api):
    work = Work.objects.create(title="Summer", slug="summer", status=CatalogStatus.PROPOSED)
    api.force_authenticate(ModeratorFactory())
    response = api.post(f"/api/v1/works/{work.slug}/review/", {"decision": "reject"})
    assert response.status_code == 200 and response.json()["status"] == "rejected"


def test_needs_login(api, person):
    response = api.post(f"/api/v1/people/{person.slug}/review/", {"decision": "approve"})
    assert response.status_code in (401, 403)


def test_members_get_404_on_a_proposal_and_403_on_a_listed_person(api, person):
    api.force_authenticate(UserFactory())
    assert (
        api.post(f"/api/v1/people/{person.slug}/review/", {"decision": "approve"}).status_code
        == 404
    )
    listed = PersonFactory()
    response = api.post(f"/api/v1/people/{listed.slug}/review/", {"decision": "approve"})
    assert response.status_code == 403 and "Only moderators" in response.json()["detail"]


def test_a_bad_decision_is_400(api, person):
    api.force_authenticate(ModeratorFactory())
    response = api.post(f"/api/v1/people/{person.slug}/review/", {"decision": "maybe"})
    assert response.status_code == 400 and "decision" in response.json()
