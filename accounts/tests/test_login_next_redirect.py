"""The login form's `next` parameter only ever leads to a page of this site."""

import pytest

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "//evil.example",
    "//evil.example/path",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "http:///evil.example",
    "https:evil.example",
    "http:\\\\evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "///evil.example",
    "/\t/evil.example",
    "https://testserver@evil.example/",
    "https://evil.example\\@testserver/",
    "//evil%2Eexample",
    "ftp://evil.example",
]


def login(client, next_url, **extra):
    data = {"username": "kimdami", "password": "correct-horse-battery", "next": next_url}
    return client.post("/en/accounts/login/", data, **extra)


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_off_site_next_falls_back_to_the_home_page(client, next_url):
    UserFactory(username="kimdami")
    response = login(client, next_url)
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_off_site_next_is_not_echoed_into_the_login_form(client, next_url):
    response = client.get("/en/accounts/login/", {"next": next_url})
    assert response.status_code == 200
    assert 'name="next" value=""' in response.content.decode()


def test_on_site_next_is_followed(client):
    UserFactory(username="kimdami")
    response = login(client, "/en/submit/?url=x")
    assert response["Location"] == "/en/submit/?url=x"


def test_absolute_next_on_this_host_is_followed(client):
    UserFactory(username="kimdami")
    assert login(client, "http://testserver/submit/")["Location"] == "http://testserver/submit/"
