"""What goes on the broker: fetches and re-checks of sources and webhook deliveries,
published by task name.

The tasks (rumors/tasks.py) are published by name: tasks call services, and services decide
what to queue, without the two modules importing each other. The database stays the source of
truth: a message that cannot be published is not lost, since the source stays pending and the
periodic sweep queues it again.
"""

import logging

from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from config.celery import app
from rumors.models import Source

logger = logging.getLogger(__name__)

FETCH_TASK = "rumors.fetch_source"
RECHECK_TASK = "rumors.recheck_source"
WEBHOOK_TASK = "rumors.deliver_webhook"
REFERENCE_INDEX_TASK = "rumors.index_reference"


def _publish(task_name: str, row_id: int, countdown: float | None) -> bool:
    try:
        app.send_task(task_name, (row_id,), countdown=countdown)
    except OperationalError:
        logger.warning("broker unavailable; %s for %s waits for the sweep", task_name, row_id)
        return False
    return True


def source_enqueue_fetch(*, source_id: int, countdown: float | None = None) -> bool:
    """Queue a fetch, tolerating a broker outage: the source stays pending in the database and
    the periodic sweep queues it again once the broker is back. True if the broker took it."""
    if not _publish(FETCH_TASK, source_id, countdown):
        return False
    source_mark_queued(source_id=source_id)
    return True


def source_enqueue_recheck(*, source_id: int) -> bool:
    return _publish(RECHECK_TASK, source_id, None)


def source_queue_fetch(*, source: Source) -> None:
    """Queue a fetch once the current transaction commits.

    The source row is already saved as pending, so a broker that is down loses nothing: the
    periodic sweep queues it again later.
    """
    transaction.on_commit(lambda: source_enqueue_fetch(source_id=source.pk))


def source_mark_queued(*, source_id: int) -> None:
    """Record that a fetch message is on the broker, so the sweep leaves the source alone."""
    Source.objects.filter(pk=source_id).update(queued_at=timezone.now())


def webhook_enqueue_delivery(*, delivery_id: int, countdown: float | None = None) -> bool:
    """Queue a webhook delivery; a broker that is down leaves it pending for the sweep."""
    return _publish(WEBHOOK_TASK, delivery_id, countdown)


def reference_queue_index(*, reference_id: int) -> None:
    """Hash a reference whose link was fetched before, once the transaction commits (its other
    preview frames are fetched by the worker). Lost with the broker, it is done again by the
    next fetch of the link."""
    transaction.on_commit(lambda: _publish(REFERENCE_INDEX_TASK, reference_id, None))
