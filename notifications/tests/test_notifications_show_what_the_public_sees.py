"""Notifications carry what the public page shows and never more: nothing of a rumor the
public cannot see, the current (redacted) title, no media."""

import pytest
from django.urls import reverse

from accounts.tests.factories import ModeratorFactory
from mail.models import OutgoingMail
from notifications.services import follow_add
from rumors.services.rumors import rumor_reject
from rumors.services.takedown import rumor_hold, rumor_redact
from rumors.tests.factories import PersonFactory, RumorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_rejected_rumors_verdict_tells_nobody(fan, reach_verdict, run_after_commit):
    from notifications.models import Notification
    from notifications.services import notifications_create

    rumor = RumorFactory()
    follow_add(member=fan, target=rumor)
    reach_verdict(rumor)  # not announced yet
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason="Spam.")
    event = rumor.events.get(kind="verdict_reached")
    assert notifications_create(event_id=event.pk) == 0
    assert not Notification.objects.exists() and not OutgoingMail.objects.exists()


def test_a_rumor_held_later_leaves_the_notifications_page(
    client, fan, reach_verdict, run_after_commit
):
    rumor = RumorFactory(title="Kiss clip on set")
    follow_add(member=fan, target=rumor)
    with run_after_commit():
        reach_verdict(rumor)
    client.force_login(fan)
    assert "Kiss clip on set" in client.get(reverse("notifications:list")).content.decode()
    rumor.refresh_from_db()
    rumor_hold(user=ModeratorFactory(), rumor=rumor, reason="Privacy request.")
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Kiss clip on set" not in page and rumor.get_absolute_url() not in page


def test_the_page_and_the_mail_show_the_redacted_title(
    client, fan, reach_verdict, run_after_commit
):
    rumor = RumorFactory(title="Private address of an actor revealed")
    follow_add(member=fan, target=rumor)
    rumor_redact(
        moderator=ModeratorFactory(), rumor=rumor, title="A clip about an actor", claim=rumor.claim
    )
    with run_after_commit():
        reach_verdict(rumor)
    client.force_login(fan)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "A clip about an actor" in page and "Private address" not in page
    mail = OutgoingMail.objects.get()
    assert "A clip about an actor" in mail.subject + mail.body
    assert "Private address" not in mail.subject + mail.body


def test_a_mail_carries_no_media(fan, reach_verdict, run_after_commit):
    rumor = RumorFactory(people=[PersonFactory()])
    follow_add(member=fan, target=rumor)
    with run_after_commit():
        reach_verdict(rumor)
    mail = OutgoingMail.objects.get()
    assert "/media/" not in mail.body and not mail.html_body
    source = rumor.sources.get()
    assert source.url not in mail.body
