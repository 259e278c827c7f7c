"""/moderation/reports/: open reports oldest first, each with its age against a 24-hour
target (overdue ones marked), the reported media behind a <details> until the moderator
chooses to look, and the decision with a reason."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Report
from rumors.services.reports import report_submit
from rumors.tests.factories import RumorFactory
from rumors.tests.reporting import ADDRESS, make_reported

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = reverse("rumors:moderation_reports")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def submit(rumor, category="defamation", details=""):
    return report_submit(
        category=category, url=rumor.sources.get().url, address=ADDRESS, details=details
    )


def test_queue_is_for_moderators(client):
    assert client.get(QUEUE).status_code == 302
    client.force_login(UserFactory())
    assert client.get(QUEUE).status_code == 403


def test_open_reports_oldest_first_with_overdue_marked(client):
    old, new = RumorFactory(title="Old report"), RumorFactory(title="New report")
    late = submit(old, details="first")
    submit(new, details="second")
    Report.objects.filter(pk=late.pk).update(created_at=late.created_at - timedelta(hours=30))
    client.force_login(ModeratorFactory())
    body = client.get(QUEUE).content.decode()
    assert body.index("Old report") < body.index("New report")
    assert body.count("Overdue") == 1 and "24 hours" in body


def test_withheld_media_is_behind_details_and_served_to_moderators_only(settings, client):
    reported = make_reported(settings.MEDIA_ROOT)
    report_submit(category="sexual_deepfake", url=reported.page_url, address=ADDRESS)
    held = reverse("rumors:held_media", args=["thumbs/intimate.png"])
    client.force_login(ModeratorFactory())
    body = client.get(QUEUE).content.decode()
    details = body[body.index('<details class="sensitive">') : body.index("</details>")]
    assert held in details and held not in body.replace(details, "")
    assert client.get(held).status_code == 200
    client.force_login(UserFactory())
    assert client.get(held).status_code == 403


def test_decision_with_a_reason_from_the_page(settings, client):
    reported = make_reported(settings.MEDIA_ROOT)
    report = report_submit(category="sexual_deepfake", url=reported.page_url, address=ADDRESS)
    client.force_login(ModeratorFactory())
    response = client.post(
        QUEUE, {"report": report.pk, "decision": "dismiss", "reason": "Not a real person."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (
        report.status == Report.Status.DISMISSED and report.decision_reason == "Not a real person."
    )
    assert client.get("/media/thumbs/intimate.png").status_code == 200
    assert "Not a real person" not in client.get(QUEUE).content.decode()


def test_decision_without_a_reason_is_refused(client):
    report = submit(RumorFactory())
    client.force_login(ModeratorFactory())
    client.post(QUEUE, {"report": report.pk, "decision": "uphold", "reason": ""})
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN
