import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def api():
    return APIClient()


PASSWORD = "correct-horse-battery"  # the factories' password


def _token_for(api, username, password=PASSWORD, **extra):
    return api.post(TOKEN_URL, {"username": username, "password": password, **extra})


def test_username_and_password_give_a_token_that_is_stored_hashed(api):
    member = UserFactory(username="dami-fan")
    response = _token_for(api, "Dami-Fan", name="my bot")
    assert response.status_code == 201
    key = response.json()["token"]
    stored = ApiToken.objects.get(user=member)
    assert stored.name == "my bot"
    assert key not in (stored.key_hash, stored.prefix) and stored.key_hash == ApiToken.hash_key(key)


def test_wrong_password_is_401_with_a_message(api):
    UserFactory(username="dami-fan")
    response = _token_for(api, "dami-fan", password="nope")
    assert response.status_code == 401
    assert response.json()["detail"] == "Wrong username or password."
    assert not ApiToken.objects.exists()


def test_missing_fields_are_named(api):
    response = api.post(TOKEN_URL, {})
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_token_authenticates_api_requests_and_records_use(api):
    member = UserFactory()
    key = _token_for(api, member.username).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.post("/api/v1/rumors/", {}, format="json")
    assert response.status_code == 400, "authenticated, so the body is what is refused"
    assert ApiToken.objects.get().last_used_at is not None


def test_bad_or_revoked_token_is_401(api):
    member = UserFactory()
    key = _token_for(api, member.username).json()["token"]
    ApiToken.objects.all().delete()
    for header in (f"Token {key}", "Token nonsense", "Token a b"):
        api.credentials(HTTP_AUTHORIZATION=header)
        response = api.get("/api/v1/rumors/")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"


def test_token_of_a_deactivated_member_stops_working(api):
    member = UserFactory()
    key = _token_for(api, member.username).json()["token"]
    member.is_active = False
    member.save(update_fields=["is_active"])
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/rumors/").status_code == 401


def test_member_creates_a_token_on_the_profile_page_and_sees_it_once(client):
    member = UserFactory()
    client.force_login(member)
    response = client.post(reverse("accounts:api_token_new"), {"name": "Discord bot"})
    assert response.status_code == 200
    page = response.content.decode()
    token = ApiToken.objects.get(user=member)
    start = page.index('class="token-key">') + len('class="token-key">')
    key = page[start : page.index("<", start)]
    assert ApiToken.hash_key(key) == token.key_hash
    assert "no-store" in response["Cache-Control"]
    later = client.get(reverse("accounts:my_profile")).content.decode()
    assert "Discord bot" in later and key not in later


def test_token_needs_a_name(client):
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:api_token_new"), {"name": " "})
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_member_revokes_own_token_but_not_anothers(client, api):
    owner, other = UserFactory(), UserFactory()
    key = _token_for(api, owner.username).json()["token"]
    token = ApiToken.objects.get()
    client.force_login(other)
    assert client.post(reverse("accounts:api_token_revoke", args=[token.pk])).status_code == 404
    client.force_login(owner)
    assert client.post(reverse("accounts:api_token_revoke", args=[token.pk])).status_code == 302
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/rumors/").status_code == 401
