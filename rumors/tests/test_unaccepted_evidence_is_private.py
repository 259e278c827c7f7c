"""Evidence counts in public once a moderator accepts it. Before that (and if rejected), the
proposal and everything fetched for it are seen by moderators and its proposer only: no member
can put text on a rumor's public timeline by proposing a link."""

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import TimelineEvent
from rumors.services.evidence import evidence_accept, evidence_reject, evidence_submit
from rumors.services.sources import source_fetch
from rumors.tests.factories import RumorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

FETCHED_TITLE = "Forged agency statement 5521"


@pytest.fixture
def proposal(site):
    site.add("/statement", f'<html><head><meta property="og:title" content="{FETCHED_TITLE}">')
    rumor = RumorFactory()
    evidence = evidence_submit(
        user=UserFactory(),
        rumor=rumor,
        kind="official_statement",
        stance="supports",
        url=site.url("/statement"),
    )
    source_fetch(source_id=evidence.source_id)
    return evidence


def api_as(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def test_the_fetch_event_names_the_evidence(proposal):
    event = proposal.rumor.events.get(kind=TimelineEvent.Kind.SOURCE_FETCHED, evidence=proposal)
    assert event.data["title"] == FETCHED_TITLE


def seen_by(user, proposal) -> dict[str, bool]:
    """Where the fetched title shows, for this reader."""
    rumor = proposal.rumor
    client = APIClient()
    if user is not None:
        client.force_login(user)
    api = api_as(user)
    surfaces = {
        "page": client.get(rumor.get_absolute_url()),
        "page timeline": client.get(f"/en/rumors/{rumor.pk}/timeline/"),
        "api rumor timeline": api.get(f"/api/v1/rumors/{rumor.pk}/timeline/"),
        "api stream": api.get("/api/v1/timeline/"),
        "api source": api.get(f"/api/v1/sources/{proposal.source_id}/"),
    }
    return {name: FETCHED_TITLE in r.content.decode() for name, r in surfaces.items()}


def test_visitors_and_other_members_see_nothing_of_it(proposal):
    assert not any(seen_by(None, proposal).values())
    assert not any(seen_by(UserFactory(), proposal).values())


def test_the_api_source_is_404_to_them(proposal):
    assert api_as().get(f"/api/v1/sources/{proposal.source_id}/").status_code == 404


def test_its_proposer_and_moderators_see_it(proposal):
    assert all(seen_by(proposal.submitted_by, proposal).values())
    assert all(seen_by(ModeratorFactory(), proposal).values())


def test_once_accepted_everyone_sees_it(proposal):
    evidence_accept(moderator=ModeratorFactory(), evidence=proposal)
    assert all(seen_by(None, proposal).values())


def test_once_rejected_it_stays_private(proposal):
    evidence_reject(moderator=ModeratorFactory(), evidence=proposal)
    assert not any(seen_by(UserFactory(), proposal).values())
    events = api_as().get(f"/api/v1/rumors/{proposal.rumor_id}/timeline/").json()["results"]
    assert {e["kind"] for e in events} == {"submitted"}
