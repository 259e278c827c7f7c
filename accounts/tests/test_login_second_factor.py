"""Whoever has a TOTP device logs in with their password and then a code from it."""

import pytest
from django.urls import reverse

from accounts.tests.factories import ModeratorFactory, totp_code

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
CODE = reverse("accounts:login_code")


@pytest.fixture
def moderator():
    return ModeratorFactory(username="mod-jiwoo")


def password_step(client, next_url=""):
    data = {"username": "mod-jiwoo", "password": "correct-horse-battery"}
    return client.post(LOGIN + (f"?next={next_url}" if next_url else ""), data)


def test_the_password_alone_does_not_log_in(client, moderator):
    response = password_step(client)
    assert response.status_code == 302 and response["Location"] == CODE
    assert client.get(reverse("accounts:my_profile")).status_code == 302


def test_the_code_completes_the_login_and_keeps_next(client, moderator):
    password_step(client, next_url="/en/moderation/")
    response = client.post(CODE, {"code": totp_code()})
    assert response.status_code == 302 and response["Location"] == "/en/moderation/"
    assert client.get(reverse("accounts:my_profile")).status_code == 200


def test_a_wrong_code_is_refused_with_a_message(client, moderator):
    password_step(client)
    response = client.post(CODE, {"code": "000000" if totp_code() != "000000" else "111111"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(reverse("accounts:my_profile")).status_code == 302


def test_a_code_works_once(client, moderator):
    password_step(client)
    code = totp_code()
    client.post(CODE, {"code": code})
    client.post(reverse("accounts:logout"))
    password_step(client)
    assert client.post(CODE, {"code": code}).status_code == 200


def test_five_wrong_codes_send_back_to_the_password(client, moderator):
    password_step(client)
    for _ in range(5):
        response = client.post(CODE, {"code": "abcdef"})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert client.get(CODE)["Location"] == LOGIN


def test_the_code_page_without_a_password_first_sends_to_login(client):
    assert client.get(CODE)["Location"] == LOGIN


def test_without_a_device_the_password_is_enough(client):
    ModeratorFactory(username="mod-minseo", second_factor=False)
    response = client.post(LOGIN, {"username": "mod-minseo", "password": "correct-horse-battery"})
    assert response.status_code == 302 and response["Location"] != CODE
