"""Moderators reject spam through rumor_reject: from the rumor page and through
POST /api/v1/rumors/{id}/reject/, with a reason, recorded as a `rejected` event."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor, TimelineEvent
from rumors.services.rumors import AlreadyRejected, rumor_reject
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

REASON = "Advert for a betting site, nothing to do with the drama."


def test_rejecting_records_the_reason_on_the_timeline():
    rumor, moderator = RumorFactory(), ModeratorFactory()
    rumor_reject(moderator=moderator, rumor=rumor, reason=f"  {REASON} ")
    rumor.refresh_from_db()
    assert rumor.status == Rumor.Status.REJECTED and not rumor.is_public
    event = rumor.events.get(kind=TimelineEvent.Kind.REJECTED)
    assert event.actor == moderator
    assert event.data == {"reason": REASON, "previous_status": "submitted"}


def test_a_reason_is_required_and_bounded():
    rumor = RumorFactory()
    with pytest.raises(ValidationError) as blank:
        rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason="   ")
    with pytest.raises(ValidationError) as long:
        reason = "x" * (Rumor.REJECT_REASON_MAX_LENGTH + 1)
        rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason=reason)
    assert "reason" in blank.value.message_dict and "reason" in long.value.message_dict
    rumor.refresh_from_db()
    assert rumor.status == Rumor.Status.SUBMITTED


def test_members_cannot_reject():
    rumor = RumorFactory()
    with pytest.raises(PermissionDenied):
        rumor_reject(moderator=UserFactory(), rumor=rumor, reason=REASON)


def test_rejecting_twice_is_a_named_refusal():
    rumor = RumorFactory()
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason=REASON)
    with pytest.raises(AlreadyRejected):
        rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason=REASON)
    assert rumor.events.filter(kind=TimelineEvent.Kind.REJECTED).count() == 1


def test_moderator_rejects_from_the_rumor_page(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert f"/en/rumors/{rumor.pk}/reject/" in page
    response = client.post(f"/en/rumors/{rumor.pk}/reject/", {"reason": REASON})
    assert response.status_code == 302 and response["Location"] == "/en/moderation/"
    rumor.refresh_from_db()
    assert rumor.status == Rumor.Status.REJECTED


def test_the_page_form_keeps_what_was_typed_when_the_reason_is_missing(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    response = client.post(f"/en/rumors/{rumor.pk}/reject/", {"reason": ""})
    assert response.status_code == 400
    rumor.refresh_from_db()
    assert rumor.status == Rumor.Status.SUBMITTED


def test_members_see_no_reject_form_and_are_refused(client):
    rumor = RumorFactory()
    client.force_login(UserFactory())
    assert (
        f"/en/rumors/{rumor.pk}/reject/"
        not in client.get(rumor.get_absolute_url()).content.decode()
    )
    assert client.post(f"/en/rumors/{rumor.pk}/reject/", {"reason": REASON}).status_code == 403


def api_reject(user, rumor, body):
    api = APIClient()
    api.force_authenticate(user)
    return api.post(f"/api/v1/rumors/{rumor.pk}/reject/", body, format="json")


def test_api_reject_answers_with_the_rumor_as_it_now_is():
    rumor = RumorFactory()
    response = api_reject(ModeratorFactory(), rumor, {"reason": REASON})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "rejected"


def test_api_reject_needs_a_reason():
    response = api_reject(ModeratorFactory(), RumorFactory(), {})
    assert response.status_code == 400 and "reason" in response.json()


def test_api_reject_is_for_moderators():
    response = api_reject(UserFactory(), RumorFactory(), {"reason": REASON})
    assert response.status_code == 403


def test_api_reject_of_a_rejected_rumor_is_a_conflict():
    rumor = RumorFactory()
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason=REASON)
    response = api_reject(ModeratorFactory(), rumor, {"reason": REASON})
    assert response.status_code == 409 and response.json()["code"] == "rejected"


def test_api_reject_of_a_rumor_another_member_cannot_see_is_404():
    rumor = RumorFactory()
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason=REASON)
    assert api_reject(UserFactory(), rumor, {"reason": REASON}).status_code == 404
