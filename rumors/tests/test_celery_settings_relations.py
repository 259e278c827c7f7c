"""The Celery settings that keep a fetch from being lost or run twice hold together."""

from django.conf import settings

from config.celery import app
from rumors.tasks import fetch_source, recheck_source


def test_hard_limit_is_below_visibility_timeout_which_is_below_the_stuck_age():
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    for task in (fetch_source, recheck_source):
        assert task.soft_time_limit < task.time_limit
        assert task.time_limit < visibility
    assert app.conf.task_time_limit < visibility
    assert visibility < settings.FETCH_STUCK_AFTER
    assert app.conf.result_backend_transport_options["visibility_timeout"] == visibility


def test_longest_retry_backoff_fits_inside_the_visibility_timeout():
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert settings.FETCH_RETRY_BACKOFF_MAX < visibility


def test_network_work_fits_inside_the_hard_time_limit():
    # A page, its oEmbed document and its image, each under one deadline (redirects and the
    # wait for a host slot included). The soft limit stays the backstop where the pool
    # enforces limits (prefork); the deadlines are what bound a thread-pool worker.
    assert settings.FETCH_HOST_WAIT <= settings.FETCH_DEADLINE
    assert 3 * settings.FETCH_DEADLINE < fetch_source.soft_time_limit


def test_tasks_are_acknowledged_late_and_not_prefetched_in_bulk():
    assert fetch_source.acks_late and recheck_source.acks_late
    assert app.conf.task_acks_late
    assert app.conf.task_reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1


def test_publishing_gives_up_quickly_when_the_broker_is_down():
    policy = app.conf.task_publish_retry_policy
    worst = sum(
        min(policy["interval_start"] + n * policy["interval_step"], policy["interval_max"])
        for n in range(policy["max_retries"])
    )
    connect = app.conf.broker_connection_timeout
    assert connect <= 3
    assert (policy["max_retries"] + 1) * connect + worst < 10
    if settings.REDIS_URL:
        assert app.conf.broker_transport_options["socket_connect_timeout"] <= 3


def test_sweep_and_recheck_run_on_the_beat_schedule():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"rumors.sweep_sources", "rumors.recheck_sources"} <= tasks
