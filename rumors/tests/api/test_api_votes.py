"""POST /api/v1/rumors/{id}/votes/: moderators vote on the verdict, through the service."""

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor, TimelineEvent, VerdictVote
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

RATIONALE = "Faces swapped onto the 2020 promo footage."


def url(rumor) -> str:
    return f"/api/v1/rumors/{rumor.pk}/votes/"


def vote(api, rumor, moderator=None, verdict="ai_generated", rationale=RATIONALE):
    api.force_authenticate(moderator or ModeratorFactory())
    return api.post(url(rumor), {"verdict": verdict, "rationale": rationale}, format="json")


def test_first_vote_is_created_and_shows_where_the_rumor_stands(api):
    rumor = RumorFactory()
    response = vote(api, rumor)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["verdict"]["code"] == "ai_generated" and data["verdict"]["label"] == "AI-generated"
    assert (data["rationale"], data["round"]) == (RATIONALE, 1)
    assert data["rumor"]["status"] == "under_review" and data["rumor"]["verdict"] is None
    assert data["rumor"]["votes"] == {
        "round": 1,
        "total": 1,
        "counts": {"ai_generated": 1},
        "needs": {"votes": 2, "verdicts": ["ai_generated"]},
        "summary": "Needs 2 more votes for AI-generated.",
    }
    assert data["rumor"]["url"].endswith(f"/api/v1/rumors/{rumor.pk}/")


def test_three_agreeing_moderators_reach_the_verdict_once(api):
    rumor = RumorFactory()
    answers = [vote(api, rumor).json() for _ in range(3)]
    assert [a["rumor"]["status"] for a in answers] == ["under_review", "under_review", "resolved"]
    decided = answers[-1]["rumor"]
    assert decided["verdict"]["code"] == "ai_generated" and decided["verdict_reached_at"]
    assert decided["votes"]["total"] == 3
    rumor.refresh_from_db()
    assert (rumor.status, rumor.verdict) == (Rumor.Status.RESOLVED, "ai_generated")
    assert rumor.events.filter(kind=TimelineEvent.Kind.VERDICT_REACHED).count() == 1


def test_a_moderator_changes_the_vote_before_the_verdict(api):
    rumor, moderator = RumorFactory(), ModeratorFactory()
    first = vote(api, rumor, moderator, verdict="false")
    changed = vote(api, rumor, moderator, verdict="edited", rationale="Cropped, on a closer look.")
    assert (first.status_code, changed.status_code) == (201, 200)
    assert changed.json()["id"] == first.json()["id"]
    assert changed.json()["verdict"]["code"] == "edited"
    assert changed.json()["rumor"]["votes"]["counts"] == {"edited": 1}
    assert rumor.events.filter(kind=TimelineEvent.Kind.VOTE_CHANGED).count() == 1
    assert VerdictVote.objects.count() == 1


def test_the_same_vote_again_is_200_and_changes_nothing(api):
    rumor, moderator = RumorFactory(), ModeratorFactory()
    vote(api, rumor, moderator)
    events = rumor.events.count()
    assert vote(api, rumor, moderator).status_code == 200
    assert rumor.events.count() == events


def test_a_vote_on_a_closed_round_is_409(api):
    rumor = RumorFactory()
    for _ in range(3):
        vote(api, rumor)
    response = vote(api, rumor, verdict="false")
    assert response.status_code == 409
    assert response.json()["code"] == "closed"
    assert "round is closed" in response.json()["detail"]
    assert VerdictVote.objects.count() == 3


def test_a_moderator_cannot_change_a_vote_once_the_verdict_is_reached(api):
    rumor, moderator = RumorFactory(), ModeratorFactory()
    vote(api, rumor, moderator)
    vote(api, rumor)
    vote(api, rumor)
    response = vote(api, rumor, moderator, verdict="false")
    assert response.status_code == 409
    assert VerdictVote.objects.get(moderator=moderator).verdict == "ai_generated"


def test_members_cannot_vote(api):
    rumor = RumorFactory()
    response = vote(api, rumor, UserFactory())
    assert response.status_code == 403
    assert response.json()["detail"] == "Only moderators vote on verdicts."
    assert not VerdictVote.objects.exists()


def test_a_moderator_does_not_vote_on_a_rumor_they_submitted(api):
    moderator = ModeratorFactory()
    rumor = RumorFactory(submitted_by=moderator)
    response = vote(api, rumor, moderator)
    assert response.status_code == 403
    assert "submitted this rumor" in response.json()["detail"]
    assert not VerdictVote.objects.exists()


def test_members_are_refused_before_their_input_is_read(api):
    response = vote(api, RumorFactory(), UserFactory(), verdict="nonsense", rationale="")
    assert response.status_code == 403


def test_anonymous_is_401(api):
    response = api.post(url(RumorFactory()), {"verdict": "false", "rationale": "x"}, format="json")
    assert response.status_code == 401


def test_invisible_or_missing_rumor_is_404(api):
    rumor = RumorFactory(status=Rumor.Status.REJECTED)
    assert vote(api, rumor, UserFactory()).status_code == 404
    response = api.post("/api/v1/rumors/999999/votes/", {"verdict": "false"}, format="json")
    assert response.status_code == 404


def test_unknown_verdict_code_is_400(api):
    response = vote(api, RumorFactory(), verdict="fake")
    assert response.status_code == 400
    assert "fake" in response.json()["verdict"][0]
    assert not VerdictVote.objects.exists()


@pytest.mark.parametrize("rationale", ["", "   ", None])
def test_a_rationale_is_required(api, rationale):
    response = vote(api, RumorFactory(), rationale=rationale)
    assert response.status_code == 400
    assert response.json()["rationale"]
    assert not VerdictVote.objects.exists()


def test_a_missing_rationale_is_named(api):
    api.force_authenticate(ModeratorFactory())
    response = api.post(url(RumorFactory()), {"verdict": "false"}, format="json")
    assert response.status_code == 400
    assert response.json()["rationale"] == ["This field is required."]


def test_a_long_rationale_is_refused(api):
    response = vote(api, RumorFactory(), rationale="x" * 501)
    assert response.status_code == 400
    assert response.json()["rationale"]


def test_query_count_does_not_grow_with_the_votes(api, django_assert_num_queries):
    rumor = RumorFactory()
    ModeratorFactory.create_batch(5)  # enough moderators that a 1-1-1 split is no deadlock
    vote(api, rumor, verdict="false")
    # The voters are made before counting: making one is not the API's work. The timeline
    # event's own queries include the webhooks that may want it.
    second, third = ModeratorFactory(), ModeratorFactory()
    with django_assert_num_queries(16):
        vote(api, rumor, moderator=second, verdict="satire")
    with django_assert_num_queries(16):
        vote(api, rumor, moderator=third, verdict="edited")
