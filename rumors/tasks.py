"""Celery tasks: thin definitions that take ids and call services; the broker carries nothing
else. Services decide what to queue and when (rumors/services/queue.py publishes these by
name), so this module imports services and never the reverse."""

from celery import shared_task
from django.conf import settings

from rumors.api.webhooks import event_body
from rumors.services import queue, references, reports, sources, takedown, webhooks

_FETCH_OPTIONS = {
    "acks_late": True,
    "time_limit": settings.FETCH_TASK_TIME_LIMIT,
    "soft_time_limit": settings.FETCH_TASK_SOFT_TIME_LIMIT,
}


@shared_task(name=queue.FETCH_TASK, **_FETCH_OPTIONS)
def fetch_source(source_id: int) -> None:
    """Retries are scheduled by the service as new messages (it knows which errors are
    transient and keeps the attempt count on the row), so this task never raises Retry."""
    sources.source_fetch(source_id=source_id)


@shared_task(name=queue.RECHECK_TASK, **_FETCH_OPTIONS)
def recheck_source(source_id: int) -> None:
    sources.source_recheck(source_id=source_id)


@shared_task(name=queue.REFERENCE_INDEX_TASK, **_FETCH_OPTIONS)
def index_reference(reference_id: int) -> None:
    references.reference_index_source(reference_id=reference_id)


@shared_task(name="rumors.sweep_sources")
def sweep_sources() -> int:
    return sources.sources_sweep()


@shared_task(name="rumors.recheck_sources")
def recheck_sources() -> int:
    return sources.sources_recheck_due()


@shared_task(name="rumors.release_expired_holds")
def release_expired_holds() -> int:
    return takedown.holds_record_expired()


@shared_task(name="rumors.purge_reports")
def purge_reports() -> int:
    return reports.reports_purge_personal_data()


@shared_task(name=queue.WEBHOOK_TASK, acks_late=True)
def deliver_webhook(delivery_id: int) -> str:
    """Retries are the service's too: it records each attempt and schedules the next."""
    return webhooks.delivery_attempt(delivery_id=delivery_id, render=event_body)


@shared_task(name="rumors.sweep_webhook_deliveries")
def sweep_webhook_deliveries() -> int:
    return webhooks.deliveries_sweep()
