"""Celery tasks of notifications: thin calls into notifications/services.py."""

from celery import shared_task

from notifications import services


@shared_task(name="notifications.send_digests")
def send_digests() -> int:
    return services.digests_send()
