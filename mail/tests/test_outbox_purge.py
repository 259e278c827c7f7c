"""Sent mail's addresses and texts are emptied after MAIL_RETENTION_DAYS; the key stays."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mail.models import OutgoingMail
from mail.services import mail_queue, outbox_purge

pytestmark = pytest.mark.django_db


def test_old_sent_mail_is_emptied_and_its_key_still_counts(settings):
    settings.MAIL_RETENTION_DAYS = 30
    now = timezone.now()
    old = mail_queue(key="report-outcome:1", to=["reporter@example.org"], subject="s", body="b")
    recent = mail_queue(key="report-outcome:2", to=["other@example.org"], subject="s", body="b")
    pending = mail_queue(key="report-outcome:3", to=["late@example.org"], subject="s", body="b")
    OutgoingMail.objects.filter(pk=old.pk).update(sent_at=now - timedelta(days=31))
    OutgoingMail.objects.filter(pk=recent.pk).update(sent_at=now - timedelta(days=29))

    assert outbox_purge(now=now) == 1
    old.refresh_from_db()
    assert (old.to, old.subject, old.body, old.headers) == ([], "", "", {})
    assert OutgoingMail.objects.get(pk=recent.pk).to == ["other@example.org"]
    assert OutgoingMail.objects.get(pk=pending.pk).to == ["late@example.org"]
    assert mail_queue(key="report-outcome:1", to=["x@example.org"], subject="s", body="b") is None
    assert outbox_purge(now=now) == 0
