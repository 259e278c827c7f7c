"""An anonymous `sexual_deepfake` report withholds the reported media at once, before any
moderator looks, from every place that could show it or its address; the verdict and the
evidence notes stay, and the stored files stop being served. One test per surface."""

import re

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory
from rumors.models import Report
from rumors.services.evidence import evidence_submit
from rumors.services.reports import report_submit
from rumors.tests.factories import RumorFactory, SourceFactory, media_link
from rumors.tests.reporting import ADDRESS, NOTE, make_reported, names_withheld_media

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.API_THROTTLE_ANON = settings.API_THROTTLE_USER = "100000/min"
    settings.API_TIMELINE_SETTLE_SECONDS = 0


@pytest.fixture
def reported(settings):
    reported = make_reported(settings.MEDIA_ROOT)
    report_submit(
        category=Report.Category.SEXUAL_DEEPFAKE,
        url=reported.page_url,
        details="This is me, and it is fake.",
        address=ADDRESS,
    )
    return reported


def test_the_report_is_saved_open_and_withholds_at_once(reported):
    report = Report.objects.get()
    assert report.status == Report.Status.OPEN and report.hid_media
    assert report.reporter_address == ADDRESS and report.rumor == reported.rumor
    reported.source.refresh_from_db()
    reported.evidence.refresh_from_db()
    reported.rumor.refresh_from_db()
    assert reported.source.is_media_hidden and reported.evidence.is_media_hidden
    assert reported.rumor.has_hidden_media


def test_rumor_page_keeps_the_verdict_and_notes_but_no_media(reported, client):
    page = client.get(reported.rumor.get_absolute_url()).content.decode()
    assert names_withheld_media(page) == []
    # The link preview pictures the site's card, never the withheld frame.
    assert re.search(r'<meta property="og:image" content="[^"]*/card/[^"]*\.png">', page)
    assert NOTE.split(";")[0] in page.replace("&#x27;", "'")
    assert "AI-generated" in page or "verdict" in page.lower()
    assert "Media withheld" in page


def test_rumor_page_asks_not_to_be_indexed(reported, client):
    for path in ("", "timeline/", "sources/"):
        url = (
            reported.rumor.get_absolute_url()
            if not path
            else f"/en/rumors/{reported.rumor.pk}/{path}"
        )
        page = client.get(url).content.decode()
        assert '<meta name="robots" content="noindex">' in page, url


def test_sources_page_shows_no_media(reported, client):
    page = client.get(f"/en/rumors/{reported.rumor.pk}/sources/").content.decode()
    assert names_withheld_media(page) == []


def test_lists_and_search_show_no_thumbnail(reported, client):
    for url in ("/en/", "/en/search/?q=Leaked"):
        page = client.get(url).content.decode()
        assert reported.rumor.title in page, url
        assert names_withheld_media(page) == [], url


def test_similar_media_on_another_rumor_names_no_withheld_link(reported, client):
    other_source = SourceFactory(thumbnail="thumbs/other.png", thumbnail_small="thumbs/other.png")
    other = RumorFactory(with_source=other_source)
    media_link(other_source, reported.source)
    page = client.get(other.get_absolute_url()).content.decode()
    assert "Similar media" not in page, "a link to withheld media is not shown to the public"
    assert names_withheld_media(page) == []
    client.force_login(ModeratorFactory())
    page = client.get(other.get_absolute_url()).content.decode()
    assert "Similar media" in page and "Withheld link" in page
    assert names_withheld_media(page) == []


def test_feeds_name_no_withheld_media(reported, client):
    assert names_withheld_media(client.get("/feeds/verdicts/").content.decode()) == []


def test_api_rumor_detail_and_list_withhold_links_and_pictures(reported):
    api = APIClient()
    for body in (
        api.get(f"/api/v1/rumors/{reported.rumor.pk}/").json(),
        api.get("/api/v1/rumors/").json()["results"][0],
    ):
        source = body["sources"][0]
        assert source["media_withheld"] is True
        for field in ("url", "final_url", "canonical_url", "image_url", "video_url"):
            assert source[field] is None, field
        assert source["thumbnail_url"] is source["thumbnail_small_url"] is None
        evidence = body["evidence"][0]
        assert evidence["url"] is evidence["image_url"] is None
        assert evidence["note"] == NOTE and body["verdict"]["code"] == "ai_generated"


def test_api_source_withholds_links_and_pictures(reported):
    body = APIClient().get(f"/api/v1/sources/{reported.source.pk}/").json()
    assert names_withheld_media(str(body)) == []
    assert body["media_withheld"] is True


def test_api_timelines_name_no_withheld_link(reported):
    api = APIClient()
    for url in ("/api/v1/timeline/", f"/api/v1/rumors/{reported.rumor.pk}/timeline/"):
        assert names_withheld_media(api.get(url).content.decode()) == [], url


def test_json_ld_names_neither_the_link_nor_the_file(reported, client):
    documents = [
        APIClient().get(f"/api/v1/rumors/{reported.rumor.pk}/claimreview/").content.decode(),
        client.get(reported.rumor.get_absolute_url()).content.decode(),
    ]
    for text in documents:
        assert "ClaimReview" in text
        assert names_withheld_media(text) == []


def test_stored_files_answer_404_and_are_kept_out_of_reach(reported, client):
    for name in reported.files:
        assert client.get(f"/media/{name}").status_code == 404, name
        assert not (settings.MEDIA_ROOT / name).exists()
        assert (settings.MEDIA_HELD_ROOT / name).exists(), "kept, not deleted"


def test_a_report_of_one_link_withholds_that_link_only(settings, client):
    reported = make_reported(settings.MEDIA_ROOT)
    report_submit(category="privacy", url=reported.source.url, address=ADDRESS)
    reported.source.refresh_from_db()
    reported.evidence.refresh_from_db()
    assert reported.source.is_media_hidden and not reported.evidence.is_media_hidden
    assert client.get("/media/thumbs/intimate.png").status_code == 404
    assert client.get("/media/evidence/compare.png").status_code == 200


def test_a_report_of_one_evidence_item_withholds_it_only(settings, client):
    reported = make_reported(settings.MEDIA_ROOT)
    report_submit(category="sexual_deepfake", evidence_id=reported.evidence.pk, address=ADDRESS)
    reported.source.refresh_from_db()
    reported.evidence.refresh_from_db()
    assert reported.evidence.is_media_hidden and not reported.source.is_media_hidden
    page = client.get(reported.rumor.get_absolute_url()).content.decode()
    assert "compare.png" not in page and "agency-statement" not in page
    assert "intimate-s.png" in page


def test_other_categories_withhold_nothing(settings, client):
    reported = make_reported(settings.MEDIA_ROOT)
    report = report_submit(category="defamation", url=reported.page_url, address=ADDRESS)
    assert not report.hid_media
    assert client.get("/media/thumbs/intimate.png").status_code == 200


def test_evidence_added_later_with_the_withheld_link_shows_nothing_of_it(reported):
    other = RumorFactory()
    evidence_submit(
        user=ModeratorFactory(),
        rumor=other,
        kind="archived_copy",
        stance="context",
        url=reported.source.url,
    )
    (evidence,) = APIClient().get(f"/api/v1/rumors/{other.pk}/").json()["evidence"]
    assert evidence["url"] is None and evidence["media_withheld"] is True
