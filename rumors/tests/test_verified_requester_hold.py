"""A verified requester (the person concerned or their agency, recorded by a moderator, their
address confirmed) holds a rumor about the person they represent at once, through the same
rumor_hold moderators use; anyone else, or a requester whose address is unconfirmed, is
refused. The `held` says a requester asked, and names nobody to the public."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors import permissions
from rumors.models import Rumor, TimelineEvent
from rumors.services.takedown import rumor_hold, rumor_release
from rumors.tests.factories import PersonFactory, RumorFactory, VerifiedRequesterFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

REASON = "The claim about my private life is false."


def about(person, **kwargs):
    return RumorFactory(people=[person], **kwargs)


def test_a_requester_holds_a_rumor_about_their_person_and_the_held_says_a_requester_asked():
    requester = VerifiedRequesterFactory()
    rumor = about(requester.person)
    rumor_hold(user=requester.user, rumor=rumor, reason=REASON)
    rumor.refresh_from_db()
    assert rumor.is_held and rumor.held_until > timezone.now()
    held = rumor.events.get(kind=TimelineEvent.Kind.HELD)
    assert held.actor == requester.user and held.data["requester"] is True
    assert rumor.events.filter(kind=TimelineEvent.Kind.WITHDRAWN).exists()


def test_an_agency_requester_holds_a_rumor_about_any_of_its_people_whatever_the_case():
    person = PersonFactory(agency="Blossom Entertainment")
    requester = VerifiedRequesterFactory(agency="blossom entertainment")
    rumor = about(person)
    rumor_hold(user=requester.user, rumor=rumor, reason=REASON)
    assert Rumor.objects.get(pk=rumor.pk).is_held


def test_a_requester_whose_address_is_not_confirmed_is_refused():
    requester = VerifiedRequesterFactory(confirmed=False)
    rumor = about(requester.person)
    assert not permissions.can_hold(requester.user, rumor)
    with pytest.raises(PermissionDenied):
        rumor_hold(user=requester.user, rumor=rumor, reason=REASON)
    assert not Rumor.objects.get(pk=rumor.pk).is_held


def test_a_requester_is_refused_on_another_persons_rumor():
    requester = VerifiedRequesterFactory(person=PersonFactory(agency="One Agency"))
    other = about(PersonFactory(agency="Another Agency"))
    assert not permissions.can_hold(requester.user, other)
    with pytest.raises(PermissionDenied):
        rumor_hold(user=requester.user, rumor=other, reason=REASON)


def test_an_agency_requester_is_refused_on_a_rumor_about_another_agencys_person():
    requester = VerifiedRequesterFactory(agency="One Agency")
    with pytest.raises(PermissionDenied):
        rumor_hold(
            user=requester.user, rumor=about(PersonFactory(agency="Two Agency")), reason=REASON
        )


def test_a_revoked_requester_and_an_unrecorded_member_are_refused():
    requester = VerifiedRequesterFactory(revoked_at=timezone.now())
    rumor = about(requester.person)
    for user in (requester.user, UserFactory()):
        with pytest.raises(PermissionDenied):
            rumor_hold(user=user, rumor=rumor, reason=REASON)


def test_a_moderators_hold_carries_no_requester_flag():
    rumor = RumorFactory()
    rumor_hold(user=ModeratorFactory(), rumor=rumor, reason=REASON)
    assert "requester" not in rumor.events.get(kind=TimelineEvent.Kind.HELD).data


def test_the_requester_holds_from_the_rumor_page_and_it_answers_451(client):
    requester = VerifiedRequesterFactory()
    rumor = about(requester.person, title="Private claim 5521")
    client.force_login(requester.user)
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert f'action="/en/rumors/{rumor.pk}/hold/"' in page
    response = client.post(f"/en/rumors/{rumor.pk}/hold/", {"reason": REASON, "days": 30})
    assert response.status_code == 302
    client.logout()
    held = client.get(rumor.get_absolute_url())
    assert held.status_code == 451
    assert "temporarily unavailable" in held.content.decode().lower()
    assert "Private claim 5521" not in held.content.decode()


def test_other_members_get_no_hold_form_and_403(client):
    rumor = about(PersonFactory(agency="Elsewhere"))
    client.force_login(VerifiedRequesterFactory(agency="Nowhere Agency").user)
    assert "/hold/" not in client.get(rumor.get_absolute_url()).content.decode()
    response = client.post(f"/en/rumors/{rumor.pk}/hold/", {"reason": REASON, "days": 30})
    assert response.status_code == 403
    assert not Rumor.objects.get(pk=rumor.pk).is_held


def test_the_public_is_told_the_person_concerned_asked_not_who(client):
    requester = VerifiedRequesterFactory(user=UserFactory(username="agencylawyer"))
    rumor = about(requester.person)
    rumor_hold(user=requester.user, rumor=rumor, reason=REASON)
    rumor_release(moderator=ModeratorFactory(), rumor=rumor, reason="Reviewed: it stays.")
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "at the request of the person concerned" in page and "agencylawyer" not in page
    events = APIClient().get(f"/api/v1/rumors/{rumor.pk}/timeline/").json()["results"]
    held = next(e for e in events if e["kind"] == "held")
    assert held["actor"] is None
    client.force_login(ModeratorFactory())
    assert "agencylawyer" in client.get(rumor.get_absolute_url()).content.decode()
