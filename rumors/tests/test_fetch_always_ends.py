"""A fetch always ends in a recorded state, whatever the page says: values read from it are
validated at the boundary, anything unforeseen fails the source at once with a `source_failed`
event, and a source whose fetches keep dying is given up on instead of swept forever.

Run on PostgreSQL too: it is the database that refuses NUL and impossible time zones."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from config.testsupport import database_url, wait_for
from rumors.models import Source, TimelineEvent
from rumors.services.sources import source_fetch, sources_sweep
from rumors.tests.factories import RumorFactory, SourceFactory

ROOT = Path(__file__).resolve().parents[2]


def ld_page(json_ld: str, head: str = "") -> str:
    return (
        "<html><head><title>Clip</title>"
        f'<script type="application/ld+json">{json_ld}</script>{head}</head></html>'
    )


HOSTILE_PAGES = {
    "nul-in-json-ld": ld_page('{"@type": "VideoObject", "name": "A\\u0000B", "x": "\\u0000"}'),
    "object-for-article-body": ld_page('{"@type": "NewsArticle", "articleBody": {"x": 1}}'),
    "impossible-utc-offset": ld_page(
        '{"@type": "VideoObject", "name": "Clip", "uploadDate": "2024-05-01T10:00:00+23:30"}'
    ),
    "infinite-duration": ld_page('{"@type": "VideoObject", "name": "Clip", "duration": Infinity}'),
    "twenty-digit-duration": ld_page(
        "{}", head='<meta property="video:duration" content="12345678901234567890">'
    ),
    "nesting-beyond-reason": ld_page("[" * 100_000),
    "controls-in-title": ld_page("{}", head='<meta property="og:title" content="A\x1b[31mB\x0b">'),
    "lone-surrogate": ld_page('{"@type": "VideoObject", "name": "A\\ud800B"}'),
}


def rumor_for(url):
    rumor = RumorFactory(with_source=SourceFactory(url=url))
    return rumor, rumor.sources.get()


def assert_recorded(source):
    source.refresh_from_db()
    assert source.fetch_started_at is None, "the fetch was left for the sweep"
    assert source.fetch_state != Source.State.PENDING or source.next_attempt_at


@pytest.mark.django_db
@pytest.mark.usefixtures("celery_test_queue")
@pytest.mark.parametrize("name", HOSTILE_PAGES)
def test_hostile_page_is_fetched_with_its_bad_values_dropped(site, name):
    rumor, source = rumor_for(site.add(f"/{name}", HOSTILE_PAGES[name]))
    source_fetch(source_id=source.pk)
    assert_recorded(source)
    assert source.fetch_state == Source.State.FETCHED, source.last_error
    assert source.duration is None or source.duration <= timedelta(days=7)
    assert source.published_at is None or source.published_at.utcoffset() == timedelta(0)
    for value in (source.title, source.description, str(source.structured_data)):
        assert not any(ord(c) < 32 and c not in "\t\n" for c in value)
    assert rumor.events.filter(kind=TimelineEvent.Kind.SOURCE_FETCHED).count() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("celery_test_queue")
def test_retry_after_of_ages_is_capped_to_a_day(site):
    url = site.add("/busy", status=503, headers={"Retry-After": "1e12"})
    _rumor, source = rumor_for(url)
    source_fetch(source_id=source.pk)
    assert_recorded(source)
    assert source.fetch_state == Source.State.PENDING
    assert source.next_attempt_at <= timezone.now() + timedelta(days=1, minutes=1)


@pytest.mark.django_db
@pytest.mark.usefixtures("celery_test_queue")
def test_unforeseen_error_fails_the_source_for_good_with_an_event(site, settings, tmp_path):
    # Thumbnails cannot be stored (MEDIA_ROOT is a file): nothing in the fetch rules expects it.
    media = tmp_path / "not-a-directory"
    media.write_text("")
    settings.MEDIA_ROOT = str(media)
    image = site.add_image("/frame.jpg", "viral-clip-frame.jpg")
    page = f'<html><head><meta property="og:title" content="Clip"><meta property="og:image" content="{image}"></head></html>'  # noqa: E501
    rumor, source = rumor_for(site.add("/clip", page))
    source_fetch(source_id=source.pk)
    assert_recorded(source)
    assert source.fetch_state == Source.State.FAILED
    assert "could not be read" in source.last_error
    failed = rumor.events.filter(kind=TimelineEvent.Kind.SOURCE_FAILED)
    assert failed.count() == 1
    # Failed for good: the sweep does not queue it again.
    source.refresh_from_db()
    assert sources_sweep() == 0


def run_fetch_and_kill(source_id: int, site, **env: str) -> None:
    """A fetch in a process of its own, killed (as a worker is) once the page was asked for."""
    hits = site.hits["/hang"]
    code = f"from rumors.services.sources import source_fetch; source_fetch(source_id={source_id})"
    env |= {"DATABASE_URL": database_url(), "FETCH_ALLOW_HOSTS": site.netloc}
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env={**os.environ, **env}
    )
    try:
        wait_for(lambda: site.hits["/hang"] > hits, timeout=30, message="the fetch never started")
    finally:
        proc.kill()
        proc.wait(10)


def test_source_whose_fetches_never_finish_is_failed_after_the_limit(
    site,
    settings,
    transactional_db,
):
    settings.FETCH_MAX_UNFINISHED = 2
    settings.FETCH_STUCK_AFTER = 1

    def hang(handler):
        time.sleep(30)

    rumor, source = rumor_for(site.add("/hang", handler=hang))
    for _ in range(2):  # the first run, then one that takes over from it once stuck
        run_fetch_and_kill(source.pk, site, FETCH_MAX_UNFINISHED="2", FETCH_STUCK_AFTER="1")
        time.sleep(1.2)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.PENDING
    assert source.unfinished_fetches == 1  # the second death is seen by the next claim

    source_fetch(source_id=source.pk)  # what the sweep's next message does
    source.refresh_from_db()
    assert source.fetch_state == Source.State.FAILED
    assert "did not finish 2 times in a row" in source.last_error
    assert site.hits["/hang"] == 2, "the page was asked for again"
    assert rumor.events.filter(kind=TimelineEvent.Kind.SOURCE_FAILED).count() == 1
    assert sources_sweep() == 0
