from datetime import timedelta

import pytest
from django.utils import timezone

from rumors.models import Evidence, Rumor, TimelineEvent
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db


def section(body: str, heading_id: str) -> str:
    start = body.index(f'id="{heading_id}"')
    end = body.find("</section>", start)
    return body[start:end]


def test_latest_verdicts_show_a_coloured_badge_with_its_word(client):
    RumorFactory(
        title="Deepfake kiss", verdict=Verdict.AI_GENERATED, verdict_reached_at=timezone.now()
    )
    RumorFactory(title="Still open")
    verdicts = section(client.get("/en/").content.decode(), "verdicts-h")
    assert "Deepfake kiss" in verdicts and "Still open" not in verdicts
    assert "badge-verdict-ai_generated" in verdicts
    assert "AI-generated</span>" in verdicts


def test_cards_show_actors_age_and_thumbnail(client):
    person = PersonFactory(name="Kim Da-mi")
    source = SourceFactory(thumbnail_small="thumbs/kiss-small.jpg")
    RumorFactory(title="Kiss clip", people=[person], with_source=source)
    latest = section(client.get("/en/").content.decode(), "latest-h")
    assert "Kim Da-mi" in latest
    assert "/media/thumbs/kiss-small.jpg" in latest
    # "now", or "a second ago" on a busy machine: a relative age either way.
    assert "<time datetime=" in latest
    assert "now</time>" in latest or "second ago</time>" in latest


def test_trending_ranks_by_events_of_the_last_seven_days(client):
    busy, quiet = RumorFactory(title="Busy rumor"), RumorFactory(title="Quiet rumor")
    stale = RumorFactory(title="Stale rumor")
    for _ in range(3):
        TimelineEvent.objects.create(rumor=busy, kind=TimelineEvent.Kind.EDITED)
    long_ago = timezone.now() - timedelta(days=10)
    stale.events.update(created_at=long_ago)
    Rumor.objects.filter(pk=stale.pk).update(last_activity_at=long_ago)
    trending = section(client.get("/en/").content.decode(), "trending-h")
    assert trending.index("Busy rumor") < trending.index("Quiet rumor")
    assert "Stale rumor" not in trending
    assert quiet.title in trending


def test_needing_evidence_lists_open_rumors_with_least_evidence_first(client):
    settled = RumorFactory(title="Settled", verdict=Verdict.FALSE, status=Rumor.Status.RESOLVED)
    backed = RumorFactory(title="Backed")
    Evidence.objects.create(
        rumor=backed, kind="news_report", stance="refutes", status=Evidence.Status.ACCEPTED
    )
    RumorFactory(title="Bare")
    needing = section(client.get("/en/").content.decode(), "needing-h")
    assert needing.index("Bare") < needing.index("Backed")
    assert settled.title not in needing


def test_sensitive_thumbnail_never_appears_in_lists(client):
    source = SourceFactory(thumbnail_small="thumbs/secret-small.jpg", is_sensitive=True)
    RumorFactory(with_source=source)
    hidden_rumor = RumorFactory(is_sensitive=True)
    hidden_rumor.sources.update(thumbnail_small="thumbs/other-small.jpg")
    body = client.get("/en/").content.decode()
    assert "secret-small.jpg" not in body and "other-small.jpg" not in body
    assert "Sensitive image hidden" in body


def test_home_queries_do_not_grow_with_rumors(client, django_assert_num_queries):
    RumorFactory.create_batch(2, people=[PersonFactory()], verdict=Verdict.FALSE)
    with django_assert_num_queries(6):
        client.get("/en/")
    RumorFactory.create_batch(12, people=[PersonFactory(), PersonFactory()], verdict="edited")
    with django_assert_num_queries(6):
        body = client.get("/en/").content.decode()
    assert body.count('class="card"') == 18  # three full sections; none needs evidence
