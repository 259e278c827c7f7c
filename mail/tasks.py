"""Celery tasks of the outbox: thin calls into mail/services.py, published by name."""

from celery import shared_task
from django.conf import settings

from mail import services


@shared_task(name=services.DELIVER_TASK, bind=True, acks_late=True)
def deliver(self, mail_id: int) -> bool:
    """Retries only transient failures, with the service's backoff; once MAIL_TASK_RETRIES are
    used up the row stays unsent and the sweep queues it again."""
    try:
        return services.mail_deliver(mail_id=mail_id)
    except services.MailNotSent as exc:
        if self.request.retries >= settings.MAIL_TASK_RETRIES:
            return False
        raise self.retry(countdown=exc.countdown, exc=exc) from exc


@shared_task(name="mail.sweep_outbox")
def sweep_outbox() -> int:
    return services.outbox_sweep()


@shared_task(name="mail.purge_outbox")
def purge_outbox() -> int:
    return services.outbox_purge()
