"""Celery tasks. They take ids, reload rows and call services; the broker carries nothing else."""

import logging

from celery import shared_task
from django.conf import settings
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def _publish(task, source_id: int, countdown: float | None) -> bool:
    try:
        task.apply_async((source_id,), countdown=countdown)
    except OperationalError:
        logger.warning("broker unavailable; source %s waits for the sweep", source_id)
        return False
    return True


def enqueue_fetch(source_id: int, *, countdown: float | None = None) -> bool:
    """Queue a fetch, tolerating a broker outage: the source stays pending in the database and
    the periodic sweep queues it again once the broker is back. True if the broker took it."""
    from rumors.services.sources import source_mark_queued

    if not _publish(fetch_source, source_id, countdown):
        return False
    source_mark_queued(source_id=source_id)
    return True


def enqueue_recheck(source_id: int) -> bool:
    return _publish(recheck_source, source_id, None)


_FETCH_OPTIONS = {
    "acks_late": True,
    "time_limit": settings.FETCH_TASK_TIME_LIMIT,
    "soft_time_limit": settings.FETCH_TASK_SOFT_TIME_LIMIT,
}


@shared_task(name="rumors.fetch_source", **_FETCH_OPTIONS)
def fetch_source(source_id: int) -> None:
    """Retries are scheduled by the service as new messages (it knows which errors are
    transient and keeps the attempt count on the row), so this task never raises Retry."""
    from rumors.services.sources import source_fetch

    source_fetch(source_id=source_id)


@shared_task(name="rumors.recheck_source", **_FETCH_OPTIONS)
def recheck_source(source_id: int) -> None:
    from rumors.services.sources import source_recheck

    source_recheck(source_id=source_id)


@shared_task(name="rumors.sweep_sources")
def sweep_sources() -> int:
    from rumors.services.sources import sources_sweep

    return sources_sweep()


@shared_task(name="rumors.recheck_sources")
def recheck_sources() -> int:
    from rumors.services.sources import sources_recheck_due

    return sources_recheck_due()
