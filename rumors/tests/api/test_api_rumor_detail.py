import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor, TimelineEvent
from rumors.services.timeline import timeline_append
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def test_detail_shows_the_rumor(api):
    rumor = RumorFactory(title="Airport fight")
    body = api.get(f"/api/v1/rumors/{rumor.pk}/").json()
    assert body["id"] == rumor.pk and body["title"] == "Airport fight"
    assert body["links"]["html"].endswith(rumor.get_absolute_url())
    assert body["links"]["claimreview"] is None


def test_unknown_rumor_is_404_with_a_message(api):
    response = api.get("/api/v1/rumors/999999/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_rejected_rumor_is_hidden_except_from_submitter_and_moderators(api):
    rumor = RumorFactory(status=Rumor.Status.REJECTED)
    for path in ("", "timeline/"):
        url = f"/api/v1/rumors/{rumor.pk}/{path}"
        assert api.get(url).status_code == 404
        api.force_authenticate(UserFactory())
        assert api.get(url).status_code == 404
        api.force_authenticate(rumor.submitted_by)
        assert api.get(url).status_code == 200
        api.force_authenticate(ModeratorFactory())
        assert api.get(url).status_code == 200
        api.force_authenticate(None)


def test_rumor_timeline_is_oldest_first(api):
    rumor = RumorFactory()
    later = timeline_append(rumor=rumor, kind=TimelineEvent.Kind.EDITED)
    body = api.get(f"/api/v1/rumors/{rumor.pk}/timeline/").json()
    assert [e["id"] for e in body["results"]] == [rumor.events.earliest("id").pk, later.pk]
    assert body["results"][1]["kind"] == "edited"


@pytest.mark.parametrize("path", ["", "timeline/"])
def test_unchanged_rumor_answers_304_by_etag(api, path):
    rumor = RumorFactory()
    url = f"/api/v1/rumors/{rumor.pk}/{path}"
    first = api.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    timeline_append(rumor=rumor, kind=TimelineEvent.Kind.EDITED)
    changed = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_an_edit_changes_the_etag(api):
    rumor = RumorFactory()
    url = f"/api/v1/rumors/{rumor.pk}/"
    etag = api.get(url)["ETag"]
    rumor.title = "A better title"
    rumor.save(update_fields=["title", "updated_at"])
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_unchanged_rumor_answers_304_by_last_modified(api):
    rumor = RumorFactory()
    url = f"/api/v1/rumors/{rumor.pk}/"
    last_modified = api.get(url)["Last-Modified"]
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_304_skips_loading_the_rumor(api, django_assert_num_queries):
    rumor = RumorFactory()
    url = f"/api/v1/rumors/{rumor.pk}/"
    etag = api.get(url)["ETag"]
    with django_assert_num_queries(1):
        assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize("events", [5, 50])
def test_rumor_timeline_query_count_is_constant(api, django_assert_num_queries, events):
    rumor = RumorFactory()
    for _ in range(events - 1):
        timeline_append(rumor=rumor, kind=TimelineEvent.Kind.EDITED)
    # the rumor's access check and validators, count, page
    with django_assert_num_queries(3):
        body = api.get(f"/api/v1/rumors/{rumor.pk}/timeline/", {"page_size": 50}).json()
    assert len(body["results"]) == events
