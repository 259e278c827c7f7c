import pytest
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = reverse("accounts:signup")


def form(**overrides):
    data = {
        "username": "dami-fan",
        "email": "dami@example.org",
        "password1": "seoul-night-2020",
        "password2": "seoul-night-2020",
    }
    return {**data, **overrides}


def test_signup_creates_member_and_logs_in(client):
    response = client.post(SIGNUP, form())
    assert response.status_code == 302
    user = User.objects.get(username="dami-fan")
    assert not user.is_moderator and not user.is_staff
    assert client.get(reverse("accounts:my_profile")).status_code == 200


def test_username_taken_in_another_case_is_refused(client):
    UserFactory(username="DamiFan")
    response = client.post(SIGNUP, form(username="damifan"))
    assert response.status_code == 200
    assert "That username is taken." in response.content.decode()
    assert User.objects.count() == 1


def test_database_refuses_case_variant_usernames():
    from django.db import IntegrityError

    UserFactory(username="Park")
    with pytest.raises(IntegrityError):
        UserFactory(username="park")


def test_mismatched_passwords_keep_what_was_typed(client):
    response = client.post(SIGNUP, form(password2="something-else"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="dami-fan"' in body and 'value="dami@example.org"' in body
    assert not User.objects.exists()
