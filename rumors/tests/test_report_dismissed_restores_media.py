"""A moderator dismissing a report restores everything it withheld: the pages and the API
show the media again and /media/ serves its files; what another standing report withholds
stays withheld. Upholding keeps it withheld."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Report, TimelineEvent
from rumors.services.reports import AlreadyDecided, report_decide, report_submit
from rumors.tests.reporting import ADDRESS, LINK, make_reported

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.API_THROTTLE_ANON = settings.API_THROTTLE_USER = "100000/min"


@pytest.fixture
def reported(settings):
    return make_reported(settings.MEDIA_ROOT)


def submit(reported, **kwargs):
    kwargs.setdefault("url", reported.page_url)
    return report_submit(category="sexual_deepfake", address=ADDRESS, **kwargs)


def decide(report, decision, moderator=None):
    return report_decide(
        moderator=moderator or ModeratorFactory(),
        report_id=report.pk,
        decision=decision,
        reason="Checked against the original.",
    )


def test_dismissing_restores_pages_api_and_files(reported, client):
    report = submit(reported)
    decided = decide(report, "dismiss")
    assert decided.status == Report.Status.DISMISSED and decided.decided_by is not None
    page = client.get(reported.rumor.get_absolute_url()).content.decode()
    assert "intimate-s.png" in page and "compare.png" in page and LINK in page
    assert 'name="robots"' not in page
    body = APIClient().get(f"/api/v1/rumors/{reported.rumor.pk}/").json()
    assert body["sources"][0]["url"] == LINK and body["sources"][0]["thumbnail_url"]
    for name in reported.files:
        assert client.get(f"/media/{name}").status_code == 200, name
        assert not (settings.MEDIA_HELD_ROOT / name).exists()
    kinds = list(reported.rumor.events.values_list("kind", flat=True))
    assert TimelineEvent.Kind.MEDIA_RESTORED in kinds
    assert TimelineEvent.Kind.REPORT_DECIDED in kinds


def test_upholding_keeps_the_media_withheld(reported, client):
    report = submit(reported)
    assert decide(report, "uphold").status == Report.Status.UPHELD
    assert client.get("/media/thumbs/intimate.png").status_code == 404
    reported.source.refresh_from_db()
    assert reported.source.is_media_hidden


def test_media_another_open_report_withholds_stays_withheld(reported, client):
    first = submit(reported)
    submit(reported, url=LINK)  # the link alone, from a second report
    decide(first, "dismiss")
    reported.source.refresh_from_db()
    reported.evidence.refresh_from_db()
    assert reported.source.is_media_hidden and not reported.evidence.is_media_hidden
    assert client.get("/media/thumbs/intimate.png").status_code == 404
    assert client.get("/media/evidence/compare.png").status_code == 200


def test_a_report_is_decided_once(reported):
    report = submit(reported)
    decide(report, "dismiss")
    with pytest.raises(AlreadyDecided):
        decide(report, "uphold")


def test_only_moderators_decide(reported):
    report = submit(reported)
    with pytest.raises(PermissionDenied):
        decide(report, "dismiss", moderator=UserFactory())
