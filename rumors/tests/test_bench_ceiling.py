"""/bench/ceiling, the load benchmark's yardstick, exists only when BENCH_CEILING is on."""

import json

import pytest


@pytest.mark.django_db
def test_ceiling_is_not_mounted_by_default(client):
    assert client.get("/bench/ceiling").status_code == 404


def test_ceiling_answers_static_json_without_the_database(start_web_server):
    # A database that cannot be reached: the ceiling must not need one.
    server = start_web_server(BENCH_CEILING="true", DATABASE_URL="postgres://nowhere.invalid/x")
    status, headers, body = server.request("/bench/ceiling")
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"status": "ok"}
