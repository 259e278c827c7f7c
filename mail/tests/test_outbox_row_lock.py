"""Two senders of one mail: the second finds the row locked and goes away; one mail arrives."""

import threading

import pytest
from django.db import connections

from mail.models import OutgoingMail
from mail.services import mail_deliver

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_second_sender_never_sends_a_mail_being_sent(smtp_settings):
    smtp_settings.start()
    mail = OutgoingMail.objects.create(
        key="verdict:1", to=["fan@example.com"], from_email="x@example.com", subject="s", body="b"
    )
    smtp_settings.gate.clear()  # the first sender waits inside DATA, holding the row lock
    results = {}

    def first_sender():
        try:
            results["first"] = mail_deliver(mail_id=mail.pk)
        finally:
            connections.close_all()

    thread = threading.Thread(target=first_sender)
    thread.start()
    try:
        assert smtp_settings.in_data.wait(30), "the first sender never reached DATA"
        assert mail_deliver(mail_id=mail.pk) is False
    finally:
        smtp_settings.gate.set()
        thread.join(30)
    assert results["first"] is True
    assert mail_deliver(mail_id=mail.pk) is False
    assert len(smtp_settings.wait_for_messages(1)) == 1
    mail.refresh_from_db()
    assert mail.sent_at is not None and mail.attempts == 1
