"""The OpenAPI document is valid and true: a property-based run of every operation against the
app, in process, finds no server error and no response that breaks the schema."""

from datetime import UTC, datetime

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks as openapi_checks

from accounts.services import api_token_create
from accounts.tests.factories import ModeratorFactory, UserFactory
from config.wsgi import application
from rumors.models import Evidence, TimelineEvent
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory, WorkFactory

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_3(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    assert text.startswith("openapi: 3.")
    for name in ("VerdictEnum", "PaginatedRumorList", "tokenAuth", "DuplicateError"):
        assert name in text


def test_docs_are_served_from_our_own_static_files(client):
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in page
    assert "https://" not in page and "<script>" not in page, "no CDN and no inline script"
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


@pytest.fixture
def api_data():
    person, work = PersonFactory(slug="kim-da-mi"), WorkFactory(slug="itaewon-class")
    work.cast.add(person)
    clip = SourceFactory(
        video_url="https://cdn.example/clip.mp4", published_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    rumor = RumorFactory(
        with_source=clip,
        people=[person],
        works=[work],
        status="resolved",
        verdict="ai_generated",
        verdict_reached_at=datetime(2026, 2, 1, tzinfo=UTC),
    )
    Evidence.objects.create(rumor=rumor, kind="other", stance="context", status="accepted")
    TimelineEvent.objects.create(rumor=rumor, kind="edited", data={"field": "title"})
    other = RumorFactory(people=[person])
    _, member = api_token_create(user=UserFactory(), name="schemathesis")
    _, moderator = api_token_create(user=ModeratorFactory(), name="schemathesis")
    return {"member": member, "moderator": moderator, "rumor_ids": [rumor.pk, other.pk]}


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: the WSGI handler must not close the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    """Where a generated upload that happens to be an image is stored."""
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.usefixtures("keep_test_connection", "media_in_tmp")
def test_api_matches_its_schema(api_data):
    """Every operation, with generated parameters and bodies (writes with a member's token, but
    votes with a moderator's: a member's would all be refused). Most calls on a rumor name one
    that exists (one resolved, one open), so that the writes get past their 404."""
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13

    for operation in operations:

        @given(
            case=operation.as_strategy(),
            known_rumor=st.sampled_from([*api_data["rumor_ids"], None]),
        )
        @settings(
            max_examples=60,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case, known_rumor):
            if known_rumor and case.path.startswith("/api/v1/rumors/{id}/"):
                case.path_parameters["id"] = known_rumor
            token = api_data["moderator" if case.path.endswith("/votes/") else "member"]
            case.call_and_validate(
                headers={"Authorization": f"Token {token}"} if case.method == "POST" else None,
                checks=[
                    not_a_server_error,
                    openapi_checks.status_code_conformance,
                    openapi_checks.content_type_conformance,
                    openapi_checks.response_schema_conformance,
                ],
            )

        check()
