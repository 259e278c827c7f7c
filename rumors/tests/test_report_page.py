"""The report form at /report/: linked from every rumor page, link and evidence item,
prefilled with what it was opened from, works without an account in English and Korean,
explains each category and names the Korean support routes beside `sexual_deepfake`."""

from urllib.parse import quote

import pytest
from django.conf import settings

from rumors.models import Evidence, Report
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rumor():
    return RumorFactory()


def test_rumor_page_links_the_page_its_links_and_its_evidence(client, rumor):
    evidence = Evidence.objects.create(
        rumor=rumor,
        kind="news_report",
        stance="refutes",
        url="https://news.example/a",
        status=Evidence.Status.ACCEPTED,
    )
    page = client.get(rumor.get_absolute_url()).content.decode()
    page_url = quote(settings.SITE_URL + rumor.get_absolute_url(), safe="")
    assert f"/en/report/?url={page_url}" in page
    assert f"/en/report/?url={quote(rumor.sources.get().url, safe='')}" in page
    assert f"/en/report/?evidence={evidence.pk}" in page


def test_form_is_prefilled_and_names_the_support_routes(client, rumor):
    link = rumor.sources.get().url
    page = client.get("/en/report/", {"url": link}).content.decode()
    assert f'value="{link}"' in page.replace("&amp;", "&")
    for code in Report.Category.values:
        assert f'value="{code}"' in page
    assert "d4u.stop.or.kr" in page and "02-735-8994" in page and "1377" in page


def test_anonymous_report_is_saved_with_the_address_and_answers_thanks(client, rumor):
    response = client.post(
        "/en/report/",
        {"url": rumor.sources.get().url, "category": "privacy", "details": "My phone number."},
        REMOTE_ADDR="192.0.2.44",
    )
    assert response.status_code == 302 and response["Location"] == "/en/report/sent/"
    report = Report.objects.get()
    assert report.reporter_address == "192.0.2.44" and report.reporter is None
    assert report.hid_media
    assert "Thank you" in client.get("/en/report/sent/").content.decode()


def test_a_link_is_reported_under_any_address_of_what_it_points_to(client):
    source = SourceFactory(url="https://x.com/fan/status/1790000000000000001")
    rumor = RumorFactory(with_source=source)
    response = client.post(
        "/en/report/",
        {
            "url": "https://fxtwitter.com/other/status/1790000000000000001/photo/1",
            "category": "spam",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.source, report.rumor) == (source, rumor)


def test_evidence_report_from_the_form(client, rumor):
    evidence = Evidence.objects.create(
        rumor=rumor,
        kind="news_report",
        stance="refutes",
        image="evidence/x.png",
        status=Evidence.Status.ACCEPTED,
    )
    response = client.post("/en/report/", {"evidence": evidence.pk, "category": "sexual_deepfake"})
    assert response.status_code == 302
    assert Report.objects.get().evidence == evidence


def test_unknown_link_and_missing_category_are_explained(client):
    response = client.post("/en/report/", {"url": "https://elsewhere.example/x", "category": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required" in body
    response = client.post(
        "/en/report/", {"url": "https://elsewhere.example/x", "category": "spam"}
    )
    assert (
        response.status_code == 400
        and "Jinjja shows nothing at that address" in response.content.decode()
    )
    assert not Report.objects.exists()


def test_hidden_evidence_cannot_be_reported_by_outsiders(client, rumor):
    proposal = Evidence.objects.create(rumor=rumor, kind="other", stance="context")
    response = client.post("/en/report/", {"evidence": proposal.pk, "category": "spam"})
    assert response.status_code == 400 and not Report.objects.exists()


def test_form_in_korean(client):
    page = client.get("/ko/report/").content.decode()
    assert "신고" in page and "디지털성범죄피해자지원센터" in page
