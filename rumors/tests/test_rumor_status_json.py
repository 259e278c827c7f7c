"""/rumors/<id>/status.json: what a rumor page polls to update itself. Small, answered 304
while nothing changed, and no more visible than the page."""

import pytest
from django.db import transaction

from accounts.tests.factories import ModeratorFactory
from config.shared_cache import shared_cache_control
from rumors.models import Source, TimelineEvent
from rumors.services.rumors import rumor_reject
from rumors.services.timeline import timeline_append
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def test_status_names_the_state_and_the_links(client):
    rumor = RumorFactory()
    answer = client.get(f"/en/rumors/{rumor.pk}/status.json")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json"
    # Kept by a shared cache for CACHE_S_MAXAGE: many open pages poll it at once.
    assert answer["Cache-Control"] == shared_cache_control()
    body = answer.json()
    source = rumor.sources.get()
    assert body["id"] == rumor.pk and body["status"] == "submitted" and body["verdict"] is None
    assert body["sources"] == [{"id": source.pk, "state": "pending"}]


def test_unchanged_is_a_304_and_a_change_a_new_etag(client):
    rumor = RumorFactory()
    first = client.get(f"/en/rumors/{rumor.pk}/status.json")
    etag = first["ETag"]
    assert (
        client.get(f"/en/rumors/{rumor.pk}/status.json", HTTP_IF_NONE_MATCH=etag).status_code == 304
    )
    Source.objects.filter(rumors=rumor).update(fetch_state=Source.State.FETCHED)
    with transaction.atomic():
        timeline_append(rumor=rumor, kind=TimelineEvent.Kind.SOURCE_FETCHED)
    changed = client.get(f"/en/rumors/{rumor.pk}/status.json", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["sources"][0]["state"] == "fetched"


def test_a_rumor_others_cannot_see_has_no_status_for_them(client):
    rumor = RumorFactory()
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason="Spam.")
    assert client.get(f"/en/rumors/{rumor.pk}/status.json").status_code == 404
    assert client.get("/en/rumors/999999/status.json").status_code == 404
    client.force_login(ModeratorFactory())
    assert client.get(f"/en/rumors/{rumor.pk}/status.json").json()["status"] == "rejected"


def test_the_page_names_its_status_address(client):
    rumor = RumorFactory()
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert f'data-live-status="/en/rumors/{rumor.pk}/status.json"' in page
    for part in ("badge", "verdict", "sources", "timeline"):
        assert f'data-live="{part}"' in page
