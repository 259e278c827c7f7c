import pytest
from django.core.management import call_command

from rumors.models import Person, Rumor, TimelineEvent, VerdictVote
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db


def test_seed_demo_starts_with_the_itaewon_class_deepfake():
    call_command("seed_demo")
    rumor = Rumor.objects.get(people__slug="park-seo-joon", works__slug="itaewon-class")
    assert rumor.verdict == Verdict.AI_GENERATED
    assert set(rumor.people.values_list("slug", flat=True)) == {"park-seo-joon", "kim-da-mi"}
    original = rumor.evidence.get(kind="original_footage")
    assert original.source.published_at.year == 2020
    kinds = list(rumor.events.values_list("kind", flat=True))
    assert kinds[0] == TimelineEvent.Kind.SUBMITTED
    assert kinds[-1] == TimelineEvent.Kind.VERDICT_REACHED
    assert VerdictVote.objects.filter(rumor=rumor).count() == 3


def test_seed_demo_covers_several_states_and_is_idempotent():
    call_command("seed_demo")
    counts = (Rumor.objects.count(), Person.objects.count(), TimelineEvent.objects.count())
    call_command("seed_demo")
    assert (Rumor.objects.count(), Person.objects.count(), TimelineEvent.objects.count()) == counts
    statuses = set(Rumor.objects.values_list("status", flat=True))
    assert {"submitted", "under_review", "resolved"} <= statuses
