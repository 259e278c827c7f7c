"""The daily digest gathers a day's notifications into one mail, at the member's hour in their
time zone (default Asia/Seoul, 08:00)."""

from datetime import UTC, datetime

import pytest

from accounts.models import User
from mail.models import OutgoingMail
from notifications.services import digests_send, follow_add
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

# 08:00 in Seoul (UTC+9)
SEOUL_EIGHT = datetime(2026, 12, 2, 23, 0, tzinfo=UTC)


@pytest.fixture
def digest_fan(fan):
    User.objects.filter(pk=fan.pk).update(notify_mail=User.NotifyMail.DAILY)
    fan.refresh_from_db()
    return fan


def test_a_digest_gathers_the_days_notifications_once(
    digest_fan, reach_verdict, django_capture_on_commit_callbacks
):
    first, second = RumorFactory(title="First clip"), RumorFactory(title="Second clip")
    for rumor in (first, second):
        follow_add(member=digest_fan, target=rumor)
    with django_capture_on_commit_callbacks(execute=True):
        reach_verdict(first)
        reach_verdict(second, verdict="edited")
    assert not OutgoingMail.objects.exists()

    assert digests_send(now=SEOUL_EIGHT.replace(hour=22)) == 0  # 07:00 in Seoul
    assert digests_send(now=SEOUL_EIGHT) == 1
    mail = OutgoingMail.objects.get()
    assert mail.key == f"digest:{digest_fan.pk}:2026-12-03"
    assert "First clip" in mail.body and "Second clip" in mail.body
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert digests_send(now=SEOUL_EIGHT) == 0  # the same hour again: nothing new
    assert OutgoingMail.objects.count() == 1


def test_the_hour_is_the_members_own(digest_fan, reach_verdict, django_capture_on_commit_callbacks):
    User.objects.filter(pk=digest_fan.pk).update(time_zone="Europe/Paris", digest_hour=9)
    rumor = RumorFactory()
    follow_add(member=digest_fan, target=rumor)
    with django_capture_on_commit_callbacks(execute=True):
        reach_verdict(rumor)
    assert digests_send(now=SEOUL_EIGHT) == 0
    assert digests_send(now=datetime(2026, 12, 3, 8, 0, tzinfo=UTC)) == 1  # 09:00 in Paris


def test_nothing_new_sends_no_digest(digest_fan):
    assert digests_send(now=SEOUL_EIGHT) == 0
