import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor, TimelineEvent, VerdictVote
from rumors.services.votes import vote_cast
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def cast(moderator, rumor, verdict="ai_generated", rationale="Faces swapped onto 2020 footage."):
    return vote_cast(moderator=moderator, rumor=rumor, verdict=verdict, rationale=rationale)


def kinds(rumor):
    return list(rumor.events.values_list("kind", flat=True))


def test_first_vote_puts_the_rumor_under_review_without_revealing_it():
    rumor = RumorFactory()
    cast(ModeratorFactory(), rumor)
    rumor.refresh_from_db()
    assert rumor.status == Rumor.Status.UNDER_REVIEW
    event = rumor.events.get(kind=TimelineEvent.Kind.VOTE_CAST)
    assert "ai_generated" not in str(event.data)


def test_third_agreeing_vote_reaches_verdict():
    rumor = RumorFactory()
    for _ in range(3):
        cast(ModeratorFactory(), rumor)
    rumor.refresh_from_db()
    assert (rumor.status, rumor.verdict) == (Rumor.Status.RESOLVED, "ai_generated")
    assert rumor.verdict_reached_at is not None
    assert rumor.rounds.get(number=1).verdict == "ai_generated"
    assert kinds(rumor).count(TimelineEvent.Kind.VERDICT_REACHED) == 1


def test_changing_a_vote_updates_it_and_records_the_change():
    rumor, moderator = RumorFactory(), ModeratorFactory()
    cast(moderator, rumor, verdict="false")
    cast(moderator, rumor, verdict="edited", rationale="Cropped, on a closer look.")
    vote = VerdictVote.objects.get()
    assert (vote.verdict, vote.rationale) == ("edited", "Cropped, on a closer look.")
    assert kinds(rumor)[-1] == TimelineEvent.Kind.VOTE_CHANGED


def test_casting_the_same_vote_twice_changes_nothing():
    rumor, moderator = RumorFactory(), ModeratorFactory()
    cast(moderator, rumor)
    before = rumor.events.count()
    cast(moderator, rumor)
    assert rumor.events.count() == before
    assert VerdictVote.objects.count() == 1


def test_five_split_votes_mark_the_rumor_disputed_once():
    rumor = RumorFactory()
    for verdict in ["false", "satire", "edited", "false", "satire"]:
        cast(ModeratorFactory(), rumor, verdict=verdict)
    cast(ModeratorFactory(), rumor, verdict="unproven")
    rumor.refresh_from_db()
    assert rumor.is_disputed and rumor.status == Rumor.Status.UNDER_REVIEW and not rumor.verdict
    assert kinds(rumor).count(TimelineEvent.Kind.DISPUTED) == 1


def test_members_cannot_vote():
    with pytest.raises(PermissionDenied):
        cast(UserFactory(), RumorFactory())
    assert not VerdictVote.objects.exists()


def test_moderator_who_submitted_the_rumor_does_not_vote_on_it():
    moderator = ModeratorFactory()
    with pytest.raises(PermissionDenied, match="You submitted this rumor"):
        cast(moderator, RumorFactory(submitted_by=moderator))


def test_rationale_is_required_and_verdict_must_be_on_the_scale():
    with pytest.raises(ValidationError) as exc:
        cast(ModeratorFactory(), RumorFactory(), verdict="fake-ish", rationale="  ")
    assert set(exc.value.message_dict) == {"verdict", "rationale"}


def test_no_vote_after_the_verdict_until_reopened():
    rumor = RumorFactory()
    for _ in range(3):
        cast(ModeratorFactory(), rumor)
    with pytest.raises(ValidationError, match="round is closed"):
        cast(ModeratorFactory(), rumor, verdict="false")
