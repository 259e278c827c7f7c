"""Transient failures are retried with capped, jittered exponential backoff; permanent ones are
recorded at once; a source is fetched once however many messages arrive for it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rumors.models import Source, TimelineEvent
from rumors.services.sources import backoff_seconds, source_fetch, sources_sweep
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_test_queue")]

PAGE = '<html><head><meta property="og:title" content="Back online"></head></html>'


def rumor_for(url):
    rumor = RumorFactory(with_source=SourceFactory(url=url))
    return rumor, rumor.sources.get()


def test_server_error_leaves_source_pending_with_a_retry_due(site):
    rumor, source = rumor_for(site.add("/flaky", status=503))
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.PENDING
    assert source.attempts == 1
    assert "HTTP 503" in source.last_error
    assert source.next_attempt_at > timezone.now()
    assert source.queued_at is not None  # the retry message is on the broker
    assert not rumor.events.filter(kind=TimelineEvent.Kind.SOURCE_FAILED).exists()


def test_retry_succeeds_once_the_server_recovers(site):
    rumor, source = rumor_for(site.add("/flaky", status=500))
    source_fetch(source_id=source.pk)
    site.add("/flaky", PAGE)
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.FETCHED
    assert source.attempts == 2
    assert source.next_attempt_at is None
    assert rumor.events.filter(kind=TimelineEvent.Kind.SOURCE_FETCHED).count() == 1


def test_source_fails_after_the_last_attempt(site, settings):
    settings.FETCH_MAX_ATTEMPTS = 3
    rumor, source = rumor_for(site.add("/down", status=502))
    for _ in range(3):
        source_fetch(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.FAILED
    assert source.attempts == 3
    assert "Gave up after 3 attempts" in source.last_error
    failed = rumor.events.filter(kind=TimelineEvent.Kind.SOURCE_FAILED)
    assert failed.count() == 1
    assert "HTTP 502" in failed.get().data["error"]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 451])
def test_client_errors_fail_at_once_without_retry(site, status):
    rumor, source = rumor_for(site.add("/nope", status=status))
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.FAILED
    assert source.http_status == status
    assert source.next_attempt_at is None
    source_fetch(source_id=source.pk)
    assert site.hits["/nope"] == 1


def test_distant_retry_after_is_honoured_by_the_sweep(site):
    _, source = rumor_for(site.add("/busy", status=429, headers={"Retry-After": "3600"}))
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    assert source.next_attempt_at > timezone.now() + timedelta(seconds=3500)
    assert source.queued_at is None  # too far off to hold on the broker
    assert sources_sweep() == 0
    Source.objects.filter(pk=source.pk).update(next_attempt_at=timezone.now())
    assert sources_sweep() == 1


def test_fetching_a_fetched_source_again_changes_nothing(site):
    rumor, source = rumor_for(site.add("/ok", PAGE))
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    before = (source.fetched_at, source.attempts, source.updated_at)
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    assert (source.fetched_at, source.attempts, source.updated_at) == before
    assert site.hits["/ok"] == 1
    assert rumor.events.filter(kind=TimelineEvent.Kind.SOURCE_FETCHED).count() == 1


def test_a_fetch_already_running_is_not_started_twice(site):
    _, source = rumor_for(site.add("/ok", PAGE))
    Source.objects.filter(pk=source.pk).update(fetch_started_at=timezone.now())
    source_fetch(source_id=source.pk)
    assert site.hits["/ok"] == 0


def test_sweep_queues_only_sources_no_message_will_bring(settings):
    now = timezone.now()
    stuck = now - timedelta(seconds=settings.FETCH_STUCK_AFTER + 60)
    never_queued = SourceFactory()
    queued = SourceFactory(queued_at=now)
    died = SourceFactory(queued_at=stuck, fetch_started_at=stuck)
    running = SourceFactory(queued_at=stuck, fetch_started_at=now)
    waiting = SourceFactory(next_attempt_at=now + timedelta(minutes=5))
    done = SourceFactory(fetch_state=Source.State.FETCHED)

    assert sources_sweep() == 2

    queued_now = set(Source.objects.filter(queued_at__gte=now).values_list("pk", flat=True))
    assert {never_queued.pk, died.pk} <= queued_now
    assert not {running.pk, waiting.pk, done.pk} & queued_now
    assert queued.pk in queued_now  # it was queued before the sweep, and left alone


def test_backoff_grows_exponentially_with_jitter_and_a_cap(settings):
    settings.FETCH_RETRY_BACKOFF, settings.FETCH_RETRY_BACKOFF_MAX = 30, 600
    for attempt, ceiling in [(1, 30), (2, 60), (3, 120), (6, 600), (12, 600)]:
        delays = {backoff_seconds(attempt) for _ in range(20)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1
    assert backoff_seconds(1, retry_after=90) == 90
