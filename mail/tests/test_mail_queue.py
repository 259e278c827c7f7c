"""mail_queue: a mail is a row of the change's transaction, one per key."""

import pytest
from django.db import transaction

from mail.models import OutgoingMail
from mail.services import mail_queue

pytestmark = pytest.mark.django_db


def queue(key="verdict:1", **extra):
    fields = {"to": ["fan@example.com"], "subject": "A verdict", "body": "It was fake."}
    return mail_queue(key=key, **(fields | extra))


def test_queued_mail_is_a_pending_row_with_its_own_message_id(settings):
    settings.DEFAULT_FROM_EMAIL = "Jinjja <noreply@jinjja.example>"
    mail = queue()
    mail.refresh_from_db()
    assert mail.is_pending and mail.attempts == 0
    assert mail.to == ["fan@example.com"]
    assert mail.from_email == "Jinjja <noreply@jinjja.example>"
    assert mail.headers["Message-ID"].startswith("<") and mail.headers["Message-ID"].endswith(">")


def test_delivery_is_published_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        queue()
    assert len(callbacks) == 1


def test_the_same_key_twice_records_one_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        assert queue() is not None
        assert queue(body="Another body") is None
    assert OutgoingMail.objects.count() == 1
    assert len(callbacks) == 1


def test_a_rolled_back_change_leaves_no_mail():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the change failed")
    assert not OutgoingMail.objects.exists()


def test_a_subject_keeps_no_line_break():
    mail = queue(key="k", subject="A verdict\nBcc: everyone@example.com")
    assert mail.subject == "A verdict Bcc: everyone@example.com"


def test_a_mail_needs_a_recipient():
    with pytest.raises(ValueError):
        mail_queue(key="k", to=[], subject="s", body="b")
