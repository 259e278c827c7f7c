"""An expired hold needs no job to lift it, but the beat schedule's release_expired_holds
records a `released` event for it (telling mirrors the rumor is back and renewing cached
pages), once. purge_reports runs on the schedule too."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory
from config.celery import app
from rumors import tasks
from rumors.models import Rumor, TimelineEvent
from rumors.services.takedown import rumor_hold
from rumors.tests.factories import RumorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]


def held(*, expired: bool) -> Rumor:
    rumor = rumor_hold(user=ModeratorFactory(), rumor=RumorFactory(), reason="Report 4.")
    if expired:
        Rumor.objects.filter(pk=rumor.pk).update(held_until=timezone.now() - timedelta(hours=1))
    return rumor


def test_an_expired_hold_gets_its_released_event_once():
    expired, running = held(expired=True), held(expired=False)
    assert tasks.release_expired_holds() == 1
    assert tasks.release_expired_holds() == 0
    event = expired.events.get(kind=TimelineEvent.Kind.RELEASED)
    assert event.actor is None and event.data["expired"] is True
    assert Rumor.objects.get(pk=expired.pk).held_until is None
    assert Rumor.objects.get(pk=running.pk).is_held
    assert not running.events.filter(kind=TimelineEvent.Kind.RELEASED).exists()


def test_the_public_stream_shows_the_rumor_back():
    rumor = held(expired=True)
    tasks.release_expired_holds()
    events = APIClient().get("/api/v1/timeline/").json()["results"]
    assert events[0]["kind"] == "released" and events[0]["rumor"]["id"] == rumor.pk


def test_both_run_on_the_beat_schedule():
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"rumors.release_expired_holds", "rumors.purge_reports"} <= scheduled
