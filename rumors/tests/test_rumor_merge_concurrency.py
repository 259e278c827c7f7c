"""Two moderators merging at the same instant, on real concurrent PostgreSQL connections: both
rumor rows are locked in id order, so nothing is lost and no merge runs on stale rows."""

import threading

import pytest
from django.db import connection

from accounts.tests.factories import ModeratorFactory
from rumors.models import Rumor, Source
from rumors.services.merge import rumor_merge
from rumors.tests.factories import RumorFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def merge_together(pairs):
    """Each (rumor, into) merge from its own thread and connection, released at once."""
    barrier = threading.Barrier(len(pairs))
    errors = []

    def run(rumor, into):
        try:
            barrier.wait(timeout=30)
            rumor_merge(moderator=moderator, rumor=rumor, into=into)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    moderator = ModeratorFactory()
    threads = [threading.Thread(target=run, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_two_rumors_merged_into_one_at_once_both_arrive():
    a, b, c = RumorFactory(), RumorFactory(), RumorFactory()
    assert merge_together([(a, c), (b, c)]) == []
    assert Rumor.objects.filter(merged_into=c).count() == 2
    assert c.sources.count() == 3


def test_two_rumors_merged_into_each_other_at_once_end_as_one():
    a, b = RumorFactory(), RumorFactory()
    errors = merge_together([(a, b), (b, a)])
    assert len(errors) == 1
    survivors = Rumor.objects.exclude(status=Rumor.Status.MERGED)
    assert survivors.count() == 1
    assert survivors.get().sources.count() == Source.objects.count() == 2
