"""Moderators voting at the same instant, on real concurrent PostgreSQL connections."""

import threading

import pytest
from django.db import connection

from accounts.tests.factories import ModeratorFactory
from rumors.models import Rumor, TimelineEvent, VerdictVote
from rumors.services.votes import vote_cast
from rumors.tests.factories import RumorFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def vote_together(rumor, moderators, verdict="ai_generated"):
    """Each moderator votes from its own thread (its own connection), all released at once."""
    barrier = threading.Barrier(len(moderators))
    errors = []

    def run(moderator):
        try:
            barrier.wait(timeout=30)
            vote_cast(moderator=moderator, rumor=rumor, verdict=verdict, rationale="Same footage.")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(m,)) for m in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_two_moderators_voting_at_once_produce_exactly_one_verdict_event():
    rumor = RumorFactory()
    vote_cast(moderator=ModeratorFactory(), rumor=rumor, verdict="ai_generated", rationale="x")
    errors = vote_together(rumor, ModeratorFactory.create_batch(2))
    assert errors == []
    rumor.refresh_from_db()
    assert rumor.verdict == "ai_generated"
    assert rumor.events.filter(kind=TimelineEvent.Kind.VERDICT_REACHED).count() == 1
    assert VerdictVote.objects.filter(rumor=rumor).count() == 3


def test_twenty_concurrent_votes_keep_a_consistent_tally():
    rumor = RumorFactory()
    errors = vote_together(rumor, ModeratorFactory.create_batch(20))
    rumor.refresh_from_db()
    # The third vote reaches the verdict; the seventeen behind it find the round closed.
    assert len(errors) == 17
    assert all("round is closed" in str(e) for e in errors)
    assert VerdictVote.objects.filter(rumor=rumor).count() == 3
    assert rumor.status == Rumor.Status.RESOLVED
    assert rumor.events.filter(kind=TimelineEvent.Kind.VERDICT_REACHED).count() == 1
    assert rumor.events.filter(kind=TimelineEvent.Kind.VOTE_CAST).count() == 3
