"""/moderation/requesters/: moderators record a member (address confirmed) as the person
concerned or their agency, and revoke the record; members get 403, visitors the login page.
The admin shows the records read-only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import VerifiedRequester
from rumors.tests.factories import PersonFactory, VerifiedRequesterFactory, confirm_email

pytestmark = pytest.mark.django_db

PAGE = reverse("rumors:moderation_requesters")


@pytest.fixture
def moderator_client(client):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    client.moderator = moderator
    return client


def test_a_moderator_records_a_member_as_the_person_concerned(moderator_client):
    member, person = confirm_email(UserFactory()), PersonFactory(slug="kim-actor")
    response = moderator_client.post(
        PAGE, {"member": member.email, "person": "kim-actor", "note": "Video call, ID seen."}
    )
    assert response.status_code == 302
    row = VerifiedRequester.objects.get()
    assert (row.user, row.person, row.agency) == (member, person, "")
    assert row.recorded_by == moderator_client.moderator and row.note == "Video call, ID seen."
    assert member.username in moderator_client.get(PAGE).content.decode()


def test_a_moderator_records_an_agency(moderator_client):
    member = confirm_email(UserFactory())
    moderator_client.post(PAGE, {"member": member.username, "agency": "Blossom Entertainment"})
    assert VerifiedRequester.objects.get().agency == "Blossom Entertainment"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"member": "nobody-here", "agency": "A"}, "No member has this username or address."),
        ({"member": "{unconfirmed}", "agency": "A"}, "has not confirmed their email address"),
        ({"member": "{confirmed}"}, "Name either the person or the agency, not both."),
        ({"member": "{confirmed}", "agency": "A", "person": "p"}, "Name either the person"),
        ({"member": "{confirmed}", "person": "no-such-person"}, "No person has this address"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(moderator_client, data, message):
    names = {
        "{unconfirmed}": UserFactory().username,
        "{confirmed}": confirm_email(UserFactory()).username,
    }
    data = {key: names.get(value, value) for key, value in data.items()}
    response = moderator_client.post(PAGE, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not VerifiedRequester.objects.exists()


def test_the_same_person_twice_is_refused_while_the_first_record_stands(moderator_client):
    row = VerifiedRequesterFactory()
    data = {"member": row.user.username, "person": row.person.slug}
    response = moderator_client.post(PAGE, data)
    assert response.status_code == 400 and "already recorded" in response.content.decode()


def test_a_moderator_revokes_a_record(moderator_client):
    row = VerifiedRequesterFactory()
    response = moderator_client.post(PAGE, {"revoke": row.pk})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.is_revoked and row.revoked_by == moderator_client.moderator
    assert VerifiedRequester.objects.standing().count() == 0
    again = moderator_client.post(PAGE, {"revoke": row.pk})
    assert again.status_code == 400 and "revoked already" in again.content.decode()


def test_members_get_403_and_visitors_the_login_page(client):
    row = VerifiedRequesterFactory()
    assert client.get(PAGE).status_code == 302
    client.force_login(row.user)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"revoke": row.pk}).status_code == 403
    assert client.post(PAGE, {"member": row.user.username, "agency": "Mine"}).status_code == 403
    assert VerifiedRequester.objects.count() == 1 and not VerifiedRequester.objects.get().is_revoked


def test_the_list_costs_the_same_queries_however_long(moderator_client, django_assert_num_queries):
    VerifiedRequesterFactory()
    moderator_client.get(PAGE)
    with CaptureQueriesContext(connection) as one:
        moderator_client.get(PAGE)
    VerifiedRequesterFactory.create_batch(3)
    VerifiedRequesterFactory(agency="Some Agency")
    with django_assert_num_queries(len(one.captured_queries)):
        moderator_client.get(PAGE)


def test_the_admin_shows_records_read_only(client):
    row = VerifiedRequesterFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/rumors/verifiedrequester/").status_code == 200
    assert client.get("/admin/rumors/verifiedrequester/add/").status_code == 403
    change = client.get(f"/admin/rumors/verifiedrequester/{row.pk}/change/").content.decode()
    assert 'name="agency"' not in change and 'name="revoked_at"' not in change
