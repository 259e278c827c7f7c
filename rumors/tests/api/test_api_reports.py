"""POST /api/v1/reports/ (anonymous allowed, throttled per address) and
POST /api/v1/reports/{id}/decision/ (moderators only), on the same services as the web."""

import uuid

import pytest
from django.conf import settings

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence, Report
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def _fresh_ip() -> str:
    n = uuid.uuid4().int
    return f"10.{n % 250}.{n // 250 % 250}.{n // 62500 % 250 + 1}"


@pytest.fixture(autouse=True)
def _generous(settings):
    settings.API_THROTTLE_REPORTS = "100000/min"


@pytest.fixture
def rumor():
    return RumorFactory()


def test_anonymous_report_answers_201_with_id_and_status(api, rumor):
    ip = _fresh_ip()
    response = api.post(
        "/api/v1/reports/",
        {"url": rumor.sources.get().url, "category": "sexual_deepfake", "details": "Fake."},
        REMOTE_ADDR=ip,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    report = Report.objects.get()
    assert body["id"] == report.pk and body["status"] == "open"
    assert report.reporter_address == ip and report.hid_media


def test_a_rumor_page_and_an_evidence_item_can_be_reported(api, rumor):
    page = settings.SITE_URL + rumor.get_absolute_url()
    assert api.post("/api/v1/reports/", {"url": page, "category": "spam"}).status_code == 201
    evidence = Evidence.objects.create(
        rumor=rumor, kind="other", stance="context", status=Evidence.Status.ACCEPTED
    )
    body = {"evidence": evidence.pk, "category": "privacy"}
    assert api.post("/api/v1/reports/", body).status_code == 201
    assert {r.rumor_id for r in Report.objects.all()} == {rumor.pk}


def test_bad_input_is_rejected_with_clear_messages(api):
    response = api.post("/api/v1/reports/", {"category": "nonsense"})
    assert response.status_code == 400
    assert "category" in response.json()
    response = api.post("/api/v1/reports/", {"category": "spam"})
    assert response.status_code == 400 and "url" in response.json()
    response = api.post(
        "/api/v1/reports/", {"url": "https://unknown.example/x", "category": "spam"}
    )
    assert response.status_code == 400
    assert "nothing at that address" in response.json()["url"][0]
    assert not Report.objects.exists()


def test_reports_are_throttled_per_address(api, rumor, settings):
    settings.API_THROTTLE_REPORTS = "2/hour"
    ip = _fresh_ip()
    body = {"url": rumor.sources.get().url, "category": "other"}
    codes = [api.post("/api/v1/reports/", body, REMOTE_ADDR=ip).status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert api.post("/api/v1/reports/", body, REMOTE_ADDR=_fresh_ip()).status_code == 201


def _report(api, rumor) -> int:
    body = {"url": rumor.sources.get().url, "category": "privacy"}
    return api.post("/api/v1/reports/", body).json()["id"]


def test_moderator_dismisses_and_the_media_comes_back(api, rumor):
    pk = _report(api, rumor)
    api.force_authenticate(ModeratorFactory())
    response = api.post(
        f"/api/v1/reports/{pk}/decision/", {"decision": "dismiss", "reason": "Public event."}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "dismissed"
    assert not rumor.sources.get().is_media_hidden
    again = api.post(f"/api/v1/reports/{pk}/decision/", {"decision": "uphold", "reason": "x"})
    assert again.status_code == 409 and again.json()["code"] == "decided"


def test_decisions_need_a_moderator(api, rumor):
    pk = _report(api, rumor)
    body = {"decision": "uphold", "reason": "Mine."}
    assert api.post(f"/api/v1/reports/{pk}/decision/", body).status_code == 401
    api.force_authenticate(UserFactory())
    assert api.post(f"/api/v1/reports/{pk}/decision/", body).status_code == 403
    assert Report.objects.get().status == "open"


def test_decision_input_is_checked(api, rumor):
    pk = _report(api, rumor)
    api.force_authenticate(ModeratorFactory())
    response = api.post(f"/api/v1/reports/{pk}/decision/", {"decision": "delete"})
    assert response.status_code == 400 and {"decision", "reason"} <= set(response.json())
    missing = api.post("/api/v1/reports/999999/decision/", {"decision": "uphold", "reason": "x"})
    assert missing.status_code == 404
