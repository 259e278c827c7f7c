"""The admin is no second write path: status, verdicts, rounds, evidence review and
sensitivity change only through the services, which write the timeline."""

import pytest

from accounts.tests.factories import UserFactory
from rumors.models import Rumor
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_posted_status_verdict_or_sensitivity_is_ignored(staff_client):
    rumor = RumorFactory(title="Kept", claim="Claim.")
    form = staff_client.get(f"/admin/rumors/rumor/{rumor.pk}/change/").content.decode()
    assert 'name="status"' not in form and 'name="is_sensitive"' not in form
    staff_client.post(
        f"/admin/rumors/rumor/{rumor.pk}/change/",
        {
            "title": "Kept",
            "slug": rumor.slug,
            "claim": "Claim.",
            "status": "resolved",
            "verdict": "false",
            "is_sensitive": "on",
            "evidence-TOTAL_FORMS": "0",
            "evidence-INITIAL_FORMS": "0",
        },
    )
    rumor.refresh_from_db()
    assert (rumor.status, rumor.verdict, rumor.is_sensitive) == ("submitted", "", False)


@pytest.mark.parametrize(
    "path",
    [
        "rumor/add/",
        "evidence/add/",
        "reviewround/add/",
        "verdictvote/add/",
        "timelineevent/add/",
        "bankedhash/add/",
        "matchexemption/add/",
        "medialink/add/",
    ],
)
def test_rows_with_a_history_are_not_added_by_hand(staff_client, path):
    assert staff_client.get(f"/admin/rumors/{path}").status_code == 403


def test_source_sensitivity_is_read_only(staff_client):
    source = RumorFactory().sources.get()
    form = staff_client.get(f"/admin/rumors/source/{source.pk}/change/").content.decode()
    assert 'name="is_sensitive"' not in form and 'name="fetch_state"' not in form
    assert Rumor.objects.count() == 1


def test_pictures_are_not_uploaded_past_the_never_host_bank(staff_client):
    rumor = RumorFactory()
    source = rumor.sources.get()
    form = staff_client.get(f"/admin/rumors/source/{source.pk}/change/").content.decode()
    assert 'name="thumbnail"' not in form and 'name="thumbnail_small"' not in form
    assert 'type="file"' not in form


def test_a_sources_link_and_keys_are_read_only_and_sources_are_not_added_by_hand(staff_client):
    source = RumorFactory().sources.get()
    form = staff_client.get(f"/admin/rumors/source/{source.pk}/change/").content.decode()
    assert 'name="url"' not in form and 'name="normalized_url"' not in form
    assert source.keys.get().key in form
    assert staff_client.get("/admin/rumors/source/add/").status_code == 403


def test_sources_are_found_in_the_admin_by_their_key(staff_client):
    source = SourceFactory(url="https://www.youtube.com/embed/dQw4w9WgXcQ")
    found = staff_client.get("/admin/rumors/source/", {"q": "youtube:dQw4w9WgXcQ"})
    assert f"/admin/rumors/source/{source.pk}/change/" in found.content.decode()
