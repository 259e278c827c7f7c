"""A real Celery worker delivers the outbox to a real SMTP server; while the server is down the
task retries with backoff, and once it is back exactly one mail arrives."""

import pytest
from django.db import transaction

from config.testsupport import wait_for
from mail.models import OutgoingMail
from mail.services import mail_queue

pytestmark = pytest.mark.django_db(transaction=True)


def attempts(mail):
    mail.refresh_from_db()
    return mail.attempts


def test_a_mail_server_outage_delays_one_mail_and_sends_it_once(smtp_server, start_celery_worker):
    worker = start_celery_worker(
        EMAIL_URL=smtp_server.url, MAIL_RETRY_BACKOFF="0.5", MAIL_RETRY_BACKOFF_MAX="1",
        MAIL_TASK_RETRIES="100",
    )  # fmt: skip
    with transaction.atomic():
        mail = mail_queue(
            key="verdict:1", to=["fan@example.com"], subject="A verdict", body="It was fake."
        )
    # The server is down: the worker tries, records each failure and retries.
    wait_for(lambda: attempts(mail) >= 2, timeout=60, message=worker.output())
    assert OutgoingMail.objects.get(pk=mail.pk).is_pending

    smtp_server.start()
    wait_for(lambda: OutgoingMail.objects.get(pk=mail.pk).sent_at, timeout=60,
             message=worker.output())  # fmt: skip
    worker.wait_until_idle()
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["Subject"] == "A verdict"


def test_a_mail_is_sent_by_the_worker_after_commit(smtp_server, start_celery_worker):
    smtp_server.start()
    worker = start_celery_worker(EMAIL_URL=smtp_server.url)
    with transaction.atomic():
        mail_queue(key="verdict:2", to=["fan@example.com"], subject="A verdict", body="Fake.")
    smtp_server.wait_for_messages(1)
    worker.wait_until_idle()
    assert len(smtp_server.messages) == 1
    assert OutgoingMail.objects.get(key="verdict:2").sent_at is not None
