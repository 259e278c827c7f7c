"""mail_deliver against a real SMTP server on 127.0.0.1: sent once, retried while the server is
down, failed for good when refused."""

import pytest
from django.utils import timezone

from mail.models import OutgoingMail
from mail.services import MailNotSent, mail_deliver, mail_queue

pytestmark = pytest.mark.django_db


def queue(to="fan@example.com", **extra):
    return mail_queue(key=f"test:{to}", to=[to], subject="A verdict", body="It was fake.", **extra)


def test_a_queued_mail_arrives_once(smtp_settings):
    smtp_settings.start()
    mail = queue(html_body="<p>It was fake.</p>", headers={"List-Unsubscribe": "<https://x/u>"})
    assert mail_deliver(mail_id=mail.pk) is True
    assert mail_deliver(mail_id=mail.pk) is False
    [message] = smtp_settings.wait_for_messages(1)
    assert message["Subject"] == "A verdict"
    assert message["To"] == "fan@example.com"
    assert message["Message-ID"] == mail.headers["Message-ID"]
    assert message["List-Unsubscribe"] == "<https://x/u>"
    assert message.get_body(("plain",)).get_content().strip() == "It was fake."
    assert message.get_body(("html",)).get_content().strip() == "<p>It was fake.</p>"
    mail.refresh_from_db()
    assert mail.sent_at is not None and mail.attempts == 1


def test_a_server_that_is_down_delays_the_mail_and_loses_nothing(smtp_settings, settings):
    settings.MAIL_RETRY_BACKOFF = 30
    mail = queue()
    before = timezone.now()
    with pytest.raises(MailNotSent) as raised:
        mail_deliver(mail_id=mail.pk)
    assert 15 <= raised.value.countdown <= 30
    mail.refresh_from_db()
    assert mail.is_pending and mail.attempts == 1
    assert "ConnectionRefusedError" in mail.last_error
    assert mail.send_after > before

    smtp_settings.start()
    assert mail_deliver(mail_id=mail.pk) is True
    assert len(smtp_settings.wait_for_messages(1)) == 1
    mail.refresh_from_db()
    assert mail.sent_at is not None and mail.attempts == 2 and mail.last_error == ""


def test_a_refused_recipient_fails_the_mail_for_good(smtp_settings):
    smtp_settings.refuse.add("gone@example.com")
    smtp_settings.start()
    mail = queue(to="gone@example.com")
    assert mail_deliver(mail_id=mail.pk) is False
    mail.refresh_from_db()
    assert mail.failed_at is not None and mail.sent_at is None
    assert "550" in mail.last_error
    assert mail_deliver(mail_id=mail.pk) is False
    assert smtp_settings.messages == []


def test_a_mail_that_is_gone_is_skipped_quietly():
    assert mail_deliver(mail_id=987654) is False


def test_backoff_grows_and_is_capped(settings):
    from mail.services import retry_delay

    settings.MAIL_RETRY_BACKOFF, settings.MAIL_RETRY_BACKOFF_MAX = 30, 600
    assert 15 <= retry_delay(1) <= 30
    assert 60 <= retry_delay(3) <= 120
    assert 300 <= retry_delay(20) <= 600
    assert OutgoingMail.objects.count() == 0
