"""Fault drill: the Celery worker is killed (SIGKILL) in the middle of a fetch.

The killed fetch leaves its source pending, marked as started. Once that fetch counts as stuck
(FETCH_STUCK_AFTER), the sweep queues the source again; a new worker fetches it and records it
exactly once, and nothing fetches it after that.

Time passing is played by moving the source's timestamps back, not by waiting: FETCH_STUCK_AFTER
is longer than the drill takes, so only the back-dating makes the fetch look stuck.
"""

import os
import signal
import threading
from datetime import timedelta

from django.db.models import F

from accounts.tests.factories import UserFactory
from config.testsupport import wait_for
from rumors.models import Source, TimelineEvent
from rumors.services.rumors import rumor_submit
from rumors.services.sources import sources_sweep

STUCK_AFTER = 1800  # the default: longer than the visibility timeout, and than the drill takes


def let_time_pass(source: Source, seconds: float) -> None:
    """Move back the times the sweep and a worker's claim compare with FETCH_STUCK_AFTER, as if
    `seconds` had passed since the source was last queued and claimed."""
    ago = timedelta(seconds=seconds)
    Source.objects.filter(pk=source.pk).update(
        queued_at=F("queued_at") - ago, fetch_started_at=F("fetch_started_at") - ago
    )


PAGE = "<html><head><title>Clip</title><meta property='og:title' content='The clip'></head></html>"


def test_killed_fetch_runs_again_and_completes_once(
    site,
    start_celery_worker,
    settings,
    tmp_path,
):
    settings.FETCH_STUCK_AFTER = STUCK_AFTER
    release = threading.Event()

    def hang_then_answer(handler):
        # The first request hangs until the test has killed the worker that sent it.
        if site.hits["/clip"] == 1:
            release.wait(30)
            return
        body = PAGE.encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    url = site.add("/clip", handler=hang_then_answer)
    worker_env = {
        "FETCH_ALLOW_HOSTS": ",".join(settings.FETCH_ALLOW_HOSTS),
        "FETCH_STUCK_AFTER": str(STUCK_AFTER),
        "MEDIA_ROOT": str(tmp_path),
    }
    threads = ("--pool=threads", "--concurrency=4")  # the production pool: one process
    first = start_celery_worker(extra_args=threads, **worker_env)

    rumor = rumor_submit(user=UserFactory(), url=url, title="Clip", claim="It is real.")
    source = rumor.sources.get()
    wait_for(lambda: site.hits["/clip"] == 1, timeout=60, message="the fetch never started")

    os.kill(first.proc.pid, signal.SIGKILL)
    first.proc.wait(10)
    release.set()
    source.refresh_from_db()
    assert source.fetch_state == Source.State.PENDING
    assert source.fetch_started_at is not None

    second = start_celery_worker(extra_args=threads, **worker_env)
    assert sources_sweep() == 0  # not stuck yet: the fetch may still be running
    let_time_pass(source, STUCK_AFTER + 1)
    assert sources_sweep() == 1

    wait_for(
        lambda: Source.objects.filter(pk=source.pk, fetch_state=Source.State.FETCHED).exists(),
        timeout=60,
        message="the source was not fetched after the sweep",
    )
    source.refresh_from_db()
    assert source.title == "The clip"
    assert site.hits["/clip"] == 2
    fetched = rumor.events.filter(kind=TimelineEvent.Kind.SOURCE_FETCHED)
    assert fetched.count() == 1

    # Done once: a later sweep finds nothing to do, and nothing fetches the page again.
    let_time_pass(source, STUCK_AFTER + 1)
    assert sources_sweep() == 0
    second.wait_until_idle()
    assert site.hits["/clip"] == 2
    assert fetched.count() == 1
