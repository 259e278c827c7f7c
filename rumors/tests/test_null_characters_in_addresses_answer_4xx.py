"""A NUL in a query string is a 400 and in a path a 404, never a 500 (PostgreSQL refuses NUL in
any query, so each of these once answered HTML 500). Under /api/ the answer is JSON."""

import pytest

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/en/people/suggest/?q=a%00b",
        "/en/submit/check/?url=https://www.youtube.com/watch?v=abc%00x",
        "/en/search/?q=%00",
        "/?a%00=1",
    ],
)
def test_null_character_in_a_page_address_is_a_400(client, path):
    client.force_login(UserFactory())
    response = client.get(path)
    assert response.status_code == 400
    assert "null character" in response.content.decode()


def test_null_character_in_a_page_path_is_a_404(client):
    response = client.get("/en/accounts/u/a%00b/")
    assert response.status_code == 404


def test_null_character_in_an_api_query_is_a_json_400(client):
    response = client.get("/api/v1/people/?search=a%00b")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "null_character"


def test_null_character_in_an_api_path_is_a_json_404(client):
    response = client.get("/api/v1/people/a%00b/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_ordinary_addresses_still_answer(client):
    assert client.get("/en/people/suggest/?q=kim").status_code == 200
    assert client.get("/en/accounts/u/nobody/").status_code == 404
