"""Brute force on the login form: django-axes locks a username out per client address."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def attempt(client, username, password="wrong-guess", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def without_csrf_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def fail_until_locked(client, username, settings, **extra):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, username, **extra).status_code == 200
    return attempt(client, username, **extra)


def test_repeated_wrong_passwords_lock_the_username_out_with_429(client, settings):
    UserFactory(username="kimdami")
    response = fail_until_locked(client, "kimdami", settings)
    assert response.status_code == 429
    assert "Too many login attempts" in response.content.decode()


def test_locked_out_username_is_refused_even_with_the_right_password(client, settings):
    UserFactory(username="kimdami")
    fail_until_locked(client, "kimdami", settings)
    assert attempt(client, "kimdami", "correct-horse-battery").status_code == 429
    assert client.get(reverse("accounts:my_profile")).status_code == 302


def test_lockout_ignores_the_case_of_the_username(client, settings):
    UserFactory(username="kimdami")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "KimDami")
    assert attempt(client, "KIMDAMI").status_code == 429


def test_unknown_username_gets_the_same_answers_as_a_wrong_password(client, settings):
    UserFactory(username="kimdami")
    known = [attempt(client, "kimdami").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    unknown = [attempt(client, "nobody").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert known == unknown == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]

    unknown_page = attempt(client, "parksj", REMOTE_ADDR="10.0.0.9")
    UserFactory(username="parksj")
    wrong_page = attempt(client, "parksj", REMOTE_ADDR="10.0.0.8")
    assert without_csrf_token(unknown_page) == without_csrf_token(wrong_page)


def test_lockout_is_per_address(client, settings):
    UserFactory(username="kimdami")
    fail_until_locked(client, "kimdami", settings, REMOTE_ADDR="203.0.113.7")
    response = attempt(client, "kimdami", "correct-horse-battery", REMOTE_ADDR="198.51.100.20")
    assert response.status_code == 302


def test_lockout_ends_after_the_cool_off_period(client, settings):
    UserFactory(username="kimdami")
    fail_until_locked(client, "kimdami", settings)
    # Let the cool-off period pass by ageing the recorded failures.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )
    assert attempt(client, "kimdami", "correct-horse-battery").status_code == 302


def test_rotating_x_forwarded_for_does_not_reset_the_count(client, settings):
    UserFactory(username="kimdami")
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "kimdami", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert attempt(client, "kimdami", HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_behind_a_trusted_proxy_the_client_is_the_address_it_forwarded(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="kimdami")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "kimdami", HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7", **proxy)
    locked = attempt(client, "kimdami", HTTP_X_FORWARDED_FOR="other, 203.0.113.7", **proxy)
    assert locked.status_code == 429
    other_client = attempt(
        client, "kimdami", "correct-horse-battery", HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy
    )
    assert other_client.status_code == 302
