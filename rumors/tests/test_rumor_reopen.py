import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor, TimelineEvent, VerdictVote
from rumors.services.votes import rumor_reopen, vote_cast
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def resolve(rumor, verdict="ai_generated"):
    for _ in range(3):
        vote_cast(moderator=ModeratorFactory(), rumor=rumor, verdict=verdict, rationale="Fake.")
    rumor.refresh_from_db()
    return rumor


def test_reopening_starts_a_new_round_and_keeps_the_old_one():
    rumor = resolve(RumorFactory())
    moderator = ModeratorFactory()
    rumor_reopen(moderator=moderator, rumor=rumor, reason="The agency posted the raw footage.")
    rumor.refresh_from_db()
    assert (rumor.status, rumor.verdict, rumor.review_round) == (Rumor.Status.UNDER_REVIEW, "", 2)
    first, second = rumor.rounds.order_by("number")
    assert first.verdict == "ai_generated" and second.verdict == ""
    assert second.opened_by == moderator
    assert VerdictVote.objects.filter(rumor=rumor, round=1).count() == 3
    event = rumor.events.last()
    assert event.kind == TimelineEvent.Kind.REOPENED
    assert event.data["previous_verdict"] == "ai_generated"


def test_the_new_round_reaches_its_own_verdict():
    rumor = resolve(RumorFactory())
    rumor_reopen(moderator=ModeratorFactory(), rumor=rumor, reason="New statement.")
    rumor = resolve(rumor, verdict="edited")
    assert rumor.verdict == "edited"
    assert list(rumor.rounds.values_list("verdict", flat=True)) == ["ai_generated", "edited"]
    assert rumor.events.filter(kind=TimelineEvent.Kind.VERDICT_REACHED).count() == 2


def test_moderators_who_voted_before_vote_again_in_the_new_round():
    rumor = RumorFactory()
    moderators = ModeratorFactory.create_batch(3)
    for m in moderators:
        vote_cast(moderator=m, rumor=rumor, verdict="false", rationale="r1")
    rumor_reopen(moderator=moderators[0], rumor=rumor, reason="New footage.")
    vote_cast(moderator=moderators[0], rumor=rumor, verdict="staged", rationale="r2")
    assert VerdictVote.objects.filter(moderator=moderators[0]).count() == 2


def test_only_a_resolved_rumor_can_be_reopened_with_a_reason():
    with pytest.raises(ValidationError, match="Only a rumor with a verdict"):
        rumor_reopen(moderator=ModeratorFactory(), rumor=RumorFactory(), reason="Why not.")
    with pytest.raises(ValidationError):
        rumor_reopen(moderator=ModeratorFactory(), rumor=resolve(RumorFactory()), reason=" ")


def test_members_cannot_reopen():
    with pytest.raises(PermissionDenied):
        rumor_reopen(moderator=UserFactory(), rumor=resolve(RumorFactory()), reason="Hm.")
