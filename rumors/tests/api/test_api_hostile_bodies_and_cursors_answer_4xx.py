"""Bodies and cursors an attacker crafts are 4xx answers in JSON, never a 500: JSON nested
deeper than Python recurses, and timeline cursors that decode to a time PostgreSQL cannot hold
or an id that is not one."""

import base64
import json

import pytest

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000


def cursor(**fields) -> str:
    data = {"d": "o", "t": "2026-01-01T00:00:00+00:00", "i": 1, **fields}
    raw = json.dumps(data, allow_nan=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_deeply_nested_json_from_a_member_is_a_400(api):
    api.force_authenticate(UserFactory())
    response = api.post("/api/v1/rumors/", DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_deeply_nested_json_to_the_token_endpoint_is_a_400_anonymously(api):
    response = api.post("/api/v1/auth/token/", DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


@pytest.mark.parametrize(
    "fields",
    [
        {"t": "2026-01-01T00:00:00+23:59"},
        {"t": "2026-01-01T00:00:00-23:59"},
        {"t": "0001-01-01T00:00:00+01:00"},
        {"i": float("inf")},
        {"i": 10**30},
        {"i": -1},
        {"i": True},
        {"i": "1"},
    ],
    ids=lambda f: next(iter(f.values())).__repr__(),
)
def test_cursor_outside_what_the_api_writes_is_refused(api, fields):
    response = api.get("/api/v1/timeline/", {"cursor": cursor(**fields)})
    assert response.status_code == 404
    assert "Invalid cursor" in response.json()["detail"]


def test_a_cursor_the_api_wrote_still_works(api):
    response = api.get("/api/v1/timeline/", {"cursor": cursor()})
    assert response.status_code == 200
