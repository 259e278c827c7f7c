"""POST /api/v1/media-links/{id}/ with {"decision": "confirm" | "split"}: moderators decide;
members 403; a link they cannot see 404; a bad decision 400 with a clear message."""

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import MediaLink, Rumor, TimelineEvent
from rumors.services.rumors import rumor_reject
from rumors.tests.factories import RumorFactory, media_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def link():
    first, second = RumorFactory(title="Promo still"), RumorFactory(title="Re-upload")
    return media_link(first.sources.get(), second.sources.get(), distance=6)


def url(link) -> str:
    return f"/api/v1/media-links/{link.pk}/"


def test_a_moderator_confirms_and_splits(api, link):
    api.force_authenticate(ModeratorFactory())
    response = api.post(url(link), {"decision": "confirm"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "id": link.pk,
        "sources": [link.source_a_id, link.source_b_id],
        "distance": 6,
        "state": "confirmed",
        "decided_at": response.json()["decided_at"],
    }
    response = api.post(url(link), {"decision": "split"}, format="json")
    assert response.json()["state"] == "split"
    assert TimelineEvent.objects.filter(kind=TimelineEvent.Kind.MEDIA_LINK_SPLIT).count() == 2


def test_needs_login(api, link):
    assert api.post(url(link), {"decision": "confirm"}, format="json").status_code in (401, 403)
    link.refresh_from_db()
    assert link.state == MediaLink.State.AUTO


def test_members_are_refused(api, link):
    api.force_authenticate(UserFactory())
    response = api.post(url(link), {"decision": "split"}, format="json")
    assert response.status_code == 403
    assert "Only moderators" in response.json()["detail"]


@pytest.mark.parametrize("state", ["suggested", "split"])
def test_a_link_members_do_not_see_is_404(api, link, state):
    link.state = state
    link.save(update_fields=["state"])
    api.force_authenticate(UserFactory())
    assert api.post(url(link), {"decision": "confirm"}, format="json").status_code == 404


def test_a_link_to_a_rejected_rumor_is_404_to_members(api, link):
    rumor_reject(
        moderator=ModeratorFactory(),
        rumor=Rumor.objects.get(sources=link.source_b),
        reason="Spam.",
    )
    api.force_authenticate(UserFactory())
    assert api.post(url(link), {"decision": "confirm"}, format="json").status_code == 404


def test_an_unknown_link_is_404(api, link):
    api.force_authenticate(ModeratorFactory())
    response = api.post("/api/v1/media-links/999999/", {"decision": "confirm"}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("body", [{"decision": "merge"}, {}, {"decision": ""}])
def test_a_bad_decision_is_400_with_a_clear_message(api, link, body):
    api.force_authenticate(ModeratorFactory())
    response = api.post(url(link), body, format="json")
    assert response.status_code == 400
    assert "decision" in str(response.json())
    if body.get("decision") == "merge":
        assert "“confirm”" in str(response.json()) and "“merge” is neither" in str(response.json())
