import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from rumors.models import Evidence
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://fansite.example"


def test_reads_are_open_to_other_origins(api):
    rumor = RumorFactory()
    response = api.get(f"/api/v1/rumors/{rumor.pk}/", HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_preflight_offers_only_safe_methods(api):
    response = api.options(
        "/api/v1/rumors/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    allowed = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert "POST" not in allowed and "GET" in allowed


def test_token_endpoint_and_pages_send_no_cors_headers(api):
    response = api.post("/api/v1/auth/token/", {}, HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Origin" not in api.get("/en/", HTTP_ORIGIN=ORIGIN)


def test_schema_is_readable_from_other_origins(api):
    response = api.get("/api/schema/", HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["evidence", "votes"])
def test_preflight_refuses_writes_on_a_rumor(api, path):
    rumor = RumorFactory()
    response = api.options(
        f"/api/v1/rumors/{rumor.pk}/{path}/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    allowed = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert "POST" not in allowed


def test_a_cross_site_form_post_on_a_members_cookies_is_refused():
    """A multipart post needs no preflight, so the browser sends it; the CSRF check stops it."""
    rumor = RumorFactory()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    data = {"kind": "other", "stance": "refutes", "url": "https://example.org/proof"}
    response = client.post(
        f"/api/v1/rumors/{rumor.pk}/evidence/", data, format="multipart", HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 403
    assert not Evidence.objects.exists()
