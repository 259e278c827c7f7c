"""Who is told of what: followers of a rumor of its verdict, reopened round and accepted
evidence; followers of an actor or a drama only of reviewed rumors about them."""

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from notifications.models import Notification
from notifications.services import follow_add
from rumors.services.evidence import evidence_submit
from rumors.services.votes import rumor_reopen
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory

pytestmark = pytest.mark.django_db

PROMO = "https://www.youtube.com/watch?v=ItaewonPromo2020"


@pytest.fixture
def run_after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("event__kind", "reason"))


def test_a_rumors_follower_is_told_of_its_verdict_once(fan, reach_verdict, run_after_commit):
    rumor = RumorFactory()
    follow_add(member=fan, target=rumor)
    with run_after_commit():
        reach_verdict(rumor)
    assert kinds(fan) == [("verdict_reached", "rumor")]
    fan.refresh_from_db()
    assert fan.unread_notifications == 1


def test_accepted_evidence_and_a_reopened_round_are_told(fan, reach_verdict, run_after_commit):
    rumor = RumorFactory()
    follow_add(member=fan, target=rumor)
    moderator = ModeratorFactory()
    with run_after_commit():
        evidence_submit(
            user=moderator, rumor=rumor, kind="original_footage", stance="refutes", url=PROMO
        )
        reach_verdict(rumor)
        rumor.refresh_from_db()
        rumor_reopen(moderator=moderator, rumor=rumor, reason="A new clip surfaced.")
    assert sorted(k for k, _ in kinds(fan)) == ["evidence_added", "reopened", "verdict_reached"]


def test_a_proposal_and_votes_are_not_told(fan, run_after_commit):
    rumor = RumorFactory()
    follow_add(member=fan, target=rumor)
    with run_after_commit():
        evidence_submit(
            user=UserFactory(), rumor=rumor, kind="original_footage", stance="refutes", url=PROMO
        )
    assert kinds(fan) == []


def test_whoever_made_the_change_is_not_told_of_it(run_after_commit):
    moderator = ModeratorFactory()
    rumor = RumorFactory()
    follow_add(member=moderator, target=rumor)
    with run_after_commit():
        evidence_submit(
            user=moderator, rumor=rumor, kind="original_footage", stance="refutes", url=PROMO
        )
    assert kinds(moderator) == []


def test_followers_of_an_actor_hear_of_reviewed_rumors_only(fan, reach_verdict, run_after_commit):
    actor, drama = PersonFactory(), WorkFactory()
    other = UserFactory()
    follow_add(member=fan, target=actor)
    follow_add(member=other, target=drama)
    rumor = RumorFactory(people=[actor], works=[drama])  # a raw claim: nobody is told
    assert not Notification.objects.exists()
    with run_after_commit():
        reach_verdict(rumor)
        rumor.refresh_from_db()
        rumor_reopen(moderator=ModeratorFactory(), rumor=rumor, reason="A new clip surfaced.")
    assert kinds(fan) == [("verdict_reached", "person")]
    assert kinds(other) == [("verdict_reached", "work")]


def test_following_the_rumor_and_its_actor_tells_once(fan, reach_verdict, run_after_commit):
    actor = PersonFactory()
    rumor = RumorFactory(people=[actor])
    follow_add(member=fan, target=actor)
    follow_add(member=fan, target=rumor)
    with run_after_commit():
        reach_verdict(rumor)
    assert kinds(fan) == [("verdict_reached", "rumor")]


def test_running_the_announcement_twice_tells_once(fan, reach_verdict, run_after_commit):
    from notifications.services import notifications_create

    rumor = RumorFactory()
    follow_add(member=fan, target=rumor)
    with run_after_commit():
        reach_verdict(rumor)
    event = rumor.events.get(kind="verdict_reached")
    assert notifications_create(event_id=event.pk) == 0
    fan.refresh_from_db()
    assert Notification.objects.filter(recipient=fan).count() == 1
    assert fan.unread_notifications == 1
