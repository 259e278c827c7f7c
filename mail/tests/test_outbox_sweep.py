"""The beat task's sweep queues unsent mail whose delivery was lost, and only that."""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.testsupport import broker_queue_size
from mail.models import OutgoingMail
from mail.services import outbox_sweep

pytestmark = pytest.mark.django_db


def row(key, **fields):
    return OutgoingMail.objects.create(
        key=key, to=["fan@example.com"], from_email="x@example.com", subject="s", body="b",
        **fields,
    )  # fmt: skip


def test_sweep_queues_overdue_unsent_mail_once(settings, celery_test_queue):
    settings.MAIL_SWEEP_GRACE = 300
    now = timezone.now()
    lost = row("lost", send_after=now - timedelta(minutes=10))
    row("retry-scheduled", send_after=now - timedelta(minutes=1))
    row("sent", send_after=now - timedelta(hours=1), sent_at=now)
    row("failed", send_after=now - timedelta(hours=1), failed_at=now)
    waiting = broker_queue_size(celery_test_queue)

    assert outbox_sweep(now=now) == 1
    assert broker_queue_size(celery_test_queue) == waiting + 1
    lost.refresh_from_db()
    assert lost.send_after == now  # not overdue again until this delivery had its chance
    assert outbox_sweep(now=now) == 0
