"""Whenever something the public could see disappears (media withheld after a report, a rumor
rejected as spam), a contentless `withdrawn` event tells API users and mirrors to delete their
copies: the site-wide stream shows it to everyone, even for a rumor that is now hidden, with
nothing but the rumor's id. Reports and their decisions are for moderators' eyes."""

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory
from rumors.services.reports import report_decide, report_submit
from rumors.services.rumors import rumor_reject
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.API_THROTTLE_ANON = settings.API_THROTTLE_USER = "100000/min"
    settings.API_TIMELINE_SETTLE_SECONDS = 0


def stream(client=None) -> list[dict]:
    return (client or APIClient()).get("/api/v1/timeline/").json()["results"]


def test_withheld_media_appears_as_withdrawn_to_everyone():
    rumor = RumorFactory()
    report_submit(category="privacy", url=rumor.sources.get().url, address="192.0.2.1")
    events = [e for e in stream() if e["kind"] == "withdrawn"]
    assert len(events) == 1
    event = events[0]
    assert event["rumor_id"] == rumor.pk and event["data"] == {"what": "media"}
    assert event["rumor"] is event["actor"] is event["source_id"] is event["evidence_id"] is None


def test_a_rejected_rumor_appears_as_withdrawn_with_only_its_id():
    rumor = RumorFactory(title="Betting spam 5512")
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason="Spam.")
    events = stream()
    assert [e["kind"] for e in events] == ["withdrawn"]
    assert events[0]["rumor_id"] == rumor.pk and events[0]["data"] == {"what": "rumor"}
    assert "Betting spam" not in APIClient().get("/api/v1/timeline/").content.decode()


def test_reports_and_decisions_are_seen_by_moderators_only():
    rumor = RumorFactory()
    moderator = ModeratorFactory()
    report = report_submit(category="defamation", url=rumor.sources.get().url, address="192.0.2.1")
    report_decide(moderator=moderator, report_id=report.pk, decision="dismiss", reason="Fair.")
    public = {e["kind"] for e in stream()}
    assert not public & {"reported", "report_decided"}
    page = APIClient().get(f"/api/v1/rumors/{rumor.pk}/timeline/").json()["results"]
    assert not {e["kind"] for e in page} & {"reported", "report_decided"}
    api = APIClient()
    api.force_authenticate(moderator)
    assert {"reported", "report_decided"} <= {e["kind"] for e in stream(api)}


def test_moderators_still_see_every_event():
    rumor = RumorFactory()
    moderator = ModeratorFactory()
    api = APIClient()
    api.force_authenticate(moderator)
    assert [e["kind"] for e in stream(api)] == ["submitted"]
    assert rumor.events.count() == 1
