"""Moderators hold a rumor while a defamation or privacy report is reviewed (rumor_hold, from
the rumor page), for at most HOLD_MAX_DAYS days, with a reason, and may lift the hold early
(rumor_release). The public stream gets a contentless `withdrawn`."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor, TimelineEvent
from rumors.services.rumors import rumor_reject
from rumors.services.takedown import HoldNotAllowed, NotHeld, rumor_hold, rumor_release
from rumors.tests.factories import RumorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

REASON = "Report 12 says the claim names a private person."


def test_a_hold_lasts_hold_max_days_by_default_and_records_held_and_withdrawn(settings):
    settings.HOLD_MAX_DAYS = 30
    rumor, moderator = RumorFactory(), ModeratorFactory()
    before = timezone.now()
    rumor_hold(user=moderator, rumor=rumor, reason=f" {REASON} ")
    rumor.refresh_from_db()
    assert rumor.is_held and not rumor.is_public and rumor.held_reason == REASON
    assert before + timedelta(days=30) <= rumor.held_until <= timezone.now() + timedelta(days=30)
    held = rumor.events.get(kind=TimelineEvent.Kind.HELD)
    assert held.actor == moderator and held.data["reason"] == REASON
    assert rumor.events.get(kind=TimelineEvent.Kind.WITHDRAWN).data == {"what": "rumor"}


def test_the_public_stream_shows_only_a_contentless_withdrawn():
    rumor = RumorFactory(title="Held title 4410")
    rumor_hold(user=ModeratorFactory(), rumor=rumor, reason=REASON)
    response = APIClient().get("/api/v1/timeline/")
    events = response.json()["results"]
    assert [e["kind"] for e in events] == ["withdrawn"] and events[0]["data"] == {"what": "rumor"}
    assert "Held title" not in response.content.decode()


def test_a_hold_may_be_shorter_but_never_longer_than_hold_max_days(settings):
    settings.HOLD_MAX_DAYS = 30
    rumor = RumorFactory()
    with pytest.raises(ValidationError) as long:
        rumor_hold(user=ModeratorFactory(), rumor=rumor, reason=REASON, days=31)
    assert "days" in long.value.message_dict
    rumor_hold(user=ModeratorFactory(), rumor=rumor, reason=REASON, days=3)
    rumor.refresh_from_db()
    assert rumor.held_until < timezone.now() + timedelta(days=3, minutes=1)


def test_a_reason_is_required():
    rumor = RumorFactory()
    with pytest.raises(ValidationError) as blank:
        rumor_hold(user=ModeratorFactory(), rumor=rumor, reason="  ")
    assert "reason" in blank.value.message_dict
    assert not Rumor.objects.get(pk=rumor.pk).is_held


def test_members_cannot_hold_or_release():
    rumor = RumorFactory()
    with pytest.raises(PermissionDenied):
        rumor_hold(user=UserFactory(), rumor=rumor, reason=REASON)
    rumor_hold(user=ModeratorFactory(), rumor=rumor, reason=REASON)
    with pytest.raises(PermissionDenied):
        rumor_release(moderator=rumor.submitted_by, rumor=rumor, reason="Mine.")


def test_a_held_or_rejected_rumor_cannot_be_held_again():
    held, rejected = RumorFactory(), RumorFactory()
    rumor_hold(user=ModeratorFactory(), rumor=held, reason=REASON)
    rumor_reject(moderator=ModeratorFactory(), rumor=rejected, reason="Spam.")
    for rumor in (held, rejected):
        with pytest.raises(HoldNotAllowed):
            rumor_hold(user=ModeratorFactory(), rumor=rumor, reason=REASON)


def test_a_held_rumor_can_still_be_rejected():
    rumor = RumorFactory()
    rumor_hold(user=ModeratorFactory(), rumor=rumor, reason=REASON)
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason="Spam after all.")
    assert Rumor.objects.get(pk=rumor.pk).status == Rumor.Status.REJECTED


def test_releasing_makes_it_public_again_with_a_released_event():
    rumor, moderator = RumorFactory(), ModeratorFactory()
    rumor_hold(user=moderator, rumor=rumor, reason=REASON)
    rumor_release(moderator=moderator, rumor=rumor, reason="The report was unfounded.")
    rumor.refresh_from_db()
    assert rumor.is_public and rumor.held_until is None
    event = rumor.events.get(kind=TimelineEvent.Kind.RELEASED)
    assert event.data == {"reason": "The report was unfounded."}
    with pytest.raises(NotHeld):
        rumor_release(moderator=moderator, rumor=rumor, reason="Again.")


def test_a_moderator_holds_from_the_rumor_page(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    response = client.post(f"/en/rumors/{rumor.pk}/hold/", {"reason": REASON, "days": 30})
    assert response.status_code == 302
    assert Rumor.objects.get(pk=rumor.pk).is_held
    client.logout()
    assert client.get(rumor.get_absolute_url()).status_code == 451


def test_a_moderator_lifts_the_hold_from_the_rumor_page(client):
    rumor = RumorFactory()
    rumor_hold(user=ModeratorFactory(), rumor=rumor, reason=REASON)
    client.force_login(ModeratorFactory())
    response = client.post(f"/en/rumors/{rumor.pk}/release/", {"reason": "Unfounded."})
    assert response.status_code == 302 and Rumor.objects.get(pk=rumor.pk).is_public


def test_the_hold_form_needs_login_and_refuses_members(client):
    rumor = RumorFactory()
    response = client.post(f"/en/rumors/{rumor.pk}/hold/", {"reason": REASON, "days": 30})
    assert response.status_code == 302 and "/en/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    assert client.post(f"/en/rumors/{rumor.pk}/hold/", {"reason": REASON}).status_code == 403
    assert not Rumor.objects.get(pk=rumor.pk).is_held


def test_the_hold_form_without_a_reason_says_so(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    response = client.post(f"/en/rumors/{rumor.pk}/hold/", {"reason": "", "days": 30})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    response = client.post(f"/en/rumors/{rumor.pk}/hold/", {"reason": REASON, "days": 99})
    assert response.status_code == 400 and "Hold for 1 to 30 days" in response.content.decode()


def test_holds_end_hold_max_days_after_the_first_however_often_renewed(settings):
    settings.HOLD_MAX_DAYS = 30
    rumor, moderator = RumorFactory(), ModeratorFactory()
    rumor_hold(user=moderator, rumor=rumor, reason=REASON)
    rumor_release(moderator=moderator, rumor=rumor, reason="Lifted to re-check the report.")
    first = timezone.now() - timedelta(days=20)
    Rumor.objects.filter(pk=rumor.pk).update(first_held_at=first)

    rumor_hold(user=moderator, rumor=rumor, reason=REASON)
    rumor.refresh_from_db()
    assert rumor.held_until == first + timedelta(days=30), "not a fresh 30 days"

    rumor_release(moderator=moderator, rumor=rumor, reason="Lifted again.")
    Rumor.objects.filter(pk=rumor.pk).update(first_held_at=first - timedelta(days=11))
    with pytest.raises(ValidationError) as spent:
        rumor_hold(user=moderator, rumor=rumor, reason=REASON)
    assert spent.value.code == "hold_limit"
    assert "Decide on it instead" in spent.value.messages[0]
    rumor.refresh_from_db()
    assert rumor.is_public


def test_the_page_says_when_holds_are_spent(client, settings):
    rumor, moderator = RumorFactory(), ModeratorFactory()
    Rumor.objects.filter(pk=rumor.pk).update(
        first_held_at=timezone.now() - timedelta(days=settings.HOLD_MAX_DAYS + 1)
    )
    client.force_login(moderator)
    response = client.post(f"/en/rumors/{rumor.pk}/hold/", {"reason": REASON, "days": 5})
    assert response.status_code == 400
    assert "Decide on it instead" in response.content.decode()
