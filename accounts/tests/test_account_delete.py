"""A member deletes their own account: their person goes, their contributions stay."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import ApiToken, User
from accounts.services import api_token_create
from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import VerdictVote
from rumors.services.votes import vote_cast
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

DELETE = reverse("accounts:delete")


def test_delete_needs_login(client):
    response = client.get(DELETE)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_wrong_password_deletes_nothing(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(DELETE, {"password": "not-it"})
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    user.refresh_from_db()
    assert user.is_active and user.deleted_at is None


def test_deleted_member_is_gone_but_their_rumor_stays(client):
    rumor = RumorFactory()
    user = rumor.submitted_by
    username = user.username
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    api_token_create(user=user, name="bot")
    client.force_login(user)

    response = client.post(DELETE, {"password": "correct-horse-battery"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.deleted_at is not None and not user.is_active
    assert user.username != username and user.email == "" and user.display_name == ""
    assert not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not ApiToken.objects.filter(user=user).exists()
    # Logged out, cannot log in again, no public page.
    assert client.get(reverse("accounts:my_profile")).status_code == 302
    login = client.post(
        reverse("accounts:login"), {"username": username, "password": "correct-horse-battery"}
    )
    assert login.status_code == 200
    assert client.get(reverse("accounts:profile", args=[username])).status_code == 404
    # The rumor stays, attributed to a deleted member.
    page = client.get(rumor.get_absolute_url(), follow=True).content.decode()
    assert rumor.title in page
    assert "a deleted member" in page and username not in page


def test_a_deleted_moderators_votes_stay_in_the_history(client):
    moderator = ModeratorFactory()
    rumor = RumorFactory()
    vote_cast(moderator=moderator, rumor=rumor, verdict="ai_generated", rationale="Frame-by-frame.")
    client.force_login(moderator)
    client.post(DELETE, {"password": "correct-horse-battery"})
    vote = VerdictVote.objects.get(rumor=rumor)
    assert vote.moderator_id == moderator.pk
    assert vote.moderator.public_name == "a deleted member"
    assert not User.objects.moderators().filter(pk=moderator.pk).exists()
