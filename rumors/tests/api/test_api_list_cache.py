"""Anonymous list reads come from the cache while no rumor changed."""

import pytest

from accounts.tests.factories import UserFactory
from rumors.models import TimelineEvent
from rumors.services.timeline import timeline_append
from rumors.tests.factories import PersonFactory, RumorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/rumors/", "/api/v1/people/", "/api/v1/works/"])
def test_second_anonymous_read_costs_no_query(api, page_cache, django_assert_num_queries, path):
    RumorFactory(people=[PersonFactory()])
    first = api.get(path)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = api.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert second.json() == first.json()
    for header in ("Content-Type", "Vary"):
        assert second[header] == first[header]
    cross_origin = api.get(path, HTTP_ORIGIN="https://fans.example")
    assert cross_origin["X-Page-Cache"] == "hit"
    assert cross_origin["Access-Control-Allow-Origin"] == "*"


def test_a_committed_change_is_seen_at_once(api, page_cache, django_capture_on_commit_callbacks):
    rumor = RumorFactory(title="Before")
    assert api.get("/api/v1/rumors/").json()["results"][0]["title"] == "Before"
    with django_capture_on_commit_callbacks(execute=True):
        rumor.title = "After"
        rumor.save(update_fields=["title"])
        timeline_append(rumor=rumor, kind=TimelineEvent.Kind.EDITED, data={"field": "title"})
    response = api.get("/api/v1/rumors/")
    assert response["X-Page-Cache"] == "miss"
    assert response.json()["results"][0]["title"] == "After"


def test_filters_pages_and_hosts_are_cached_apart(api, page_cache, settings):
    settings.ALLOWED_HOSTS = ["testserver", "jinjja.example"]
    RumorFactory(title="Kiss clip", status="submitted")
    assert api.get("/api/v1/rumors/?status=resolved").json()["count"] == 0
    assert api.get("/api/v1/rumors/?status=submitted").json()["count"] == 1
    other = api.get("/api/v1/rumors/?status=submitted", HTTP_HOST="jinjja.example")
    assert other["X-Page-Cache"] == "miss"
    assert other.json()["results"][0]["links"]["self"].startswith("http://jinjja.example/")


def test_members_always_read_fresh_lists(api, page_cache):
    RumorFactory()
    api.get("/api/v1/rumors/")
    api.force_authenticate(UserFactory())
    assert "X-Page-Cache" not in api.get("/api/v1/rumors/")


def test_timeline_stream_is_cached_until_a_newer_event_settles(api, page_cache, settings):
    settings.API_TIMELINE_SETTLE_SECONDS = 0
    rumor = RumorFactory()
    assert api.get("/api/v1/timeline/")["X-Page-Cache"] == "miss"
    cached = api.get("/api/v1/timeline/")
    assert cached["X-Page-Cache"] == "hit" and len(cached.json()["results"]) == 1
    assert api.get("/api/v1/timeline/", HTTP_IF_NONE_MATCH=cached["ETag"]).status_code == 304
    # Written without the service, so the rumors' stamp stays as it was: the newest settled
    # event alone tells the cache that the stream grew.
    TimelineEvent.objects.create(rumor=rumor, kind=TimelineEvent.Kind.EDITED, data={})
    fresh = api.get("/api/v1/timeline/")
    assert fresh["X-Page-Cache"] == "miss" and len(fresh.json()["results"]) == 2
