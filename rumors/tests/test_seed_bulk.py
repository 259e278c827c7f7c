"""`manage.py seed_bulk`: a consistent, skewed synthetic data set, appended batch by batch."""

from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db.models import Count, Max
from django.utils import timezone

from rumors.models import Person, Rumor, Source, TimelineEvent, VerdictVote
from rumors.synthetic import BulkSizes
from rumors.verdicts import round_outcome

pytestmark = pytest.mark.django_db(transaction=True)

N = 400


@pytest.fixture
def seeded():
    call_command("seed_bulk", rumors=N, verbosity=0)


def test_sizes_follow_the_number_of_rumors(seeded):
    sizes = BulkSizes.for_rumors(N)
    assert Rumor.objects.count() == N
    assert Person.objects.count() == sizes.people
    assert Source.objects.count() == sizes.sources
    assert 0.8 * sizes.votes < VerdictVote.objects.count() < 1.25 * sizes.votes
    assert 0.8 * sizes.events < TimelineEvent.objects.count() < 1.25 * sizes.events


def test_nothing_happens_in_the_future(seeded):
    # A future activity date would stand as the newest and freeze the pages' cache keys.
    now = timezone.now()
    assert Rumor.objects.aggregate(latest=Max("last_activity_at"))["latest"] < now
    assert TimelineEvent.objects.aggregate(latest=Max("created_at"))["latest"] < now
    assert VerdictVote.objects.aggregate(latest=Max("created_at"))["latest"] < now


def test_every_verdict_is_carried_by_its_votes_under_the_rule(seeded):
    votes = defaultdict(list)
    for rumor_id, verdict in VerdictVote.objects.order_by("created_at", "id").values_list(
        "rumor_id", "verdict"
    ):
        votes[rumor_id].append(verdict)
    reached = Counter(
        TimelineEvent.objects.filter(kind=TimelineEvent.Kind.VERDICT_REACHED).values_list(
            "rumor_id", flat=True
        )
    )
    for rumor in Rumor.objects.all():
        cast = votes[rumor.pk]
        # The verdict stands at the last vote and at no earlier one: a closed round takes none.
        outcomes = [round_outcome(cast[: i + 1]).verdict for i in range(len(cast))]
        assert outcomes[:-1] == [""] * (len(cast) - 1 if cast else 0)
        assert rumor.verdict == (outcomes[-1] if cast else "")
        assert reached[rumor.pk] == (1 if rumor.verdict else 0)
        assert (rumor.status == "resolved") == bool(rumor.verdict)


def test_activity_is_skewed_towards_a_few_rumors_and_actors(seeded):
    events = sorted(
        Rumor.objects.annotate(n=Count("events")).values_list("n", flat=True), reverse=True
    )
    top = events[: N // 20]
    assert sum(top) > 0.15 * sum(events)  # the top 5% of rumors hold well over 5% of events
    mentions = sorted(
        Person.objects.annotate(n=Count("rumors")).values_list("n", flat=True), reverse=True
    )
    assert sum(mentions[: len(mentions) // 10]) > 0.3 * sum(mentions)


def test_a_second_run_appends_a_separate_batch(seeded):
    call_command("seed_bulk", rumors=N, verbosity=0)
    assert Rumor.objects.count() == 2 * N
    assert (
        Person.objects.filter(slug__startswith="bulk2-").count() == BulkSizes.for_rumors(N).people
    )
    new = Rumor.objects.create(title="after the bulk", claim="x")
    assert new.pk > Rumor.objects.exclude(pk=new.pk).order_by("-pk").first().pk
