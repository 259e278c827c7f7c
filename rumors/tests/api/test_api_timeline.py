from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from rumors.models import Rumor, TimelineEvent
from rumors.services.timeline import timeline_append
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/timeline/"


def _ids(response):
    return [e["id"] for e in response.json()["results"]]


def _add_events(rumor, n):
    return [timeline_append(rumor=rumor, kind=TimelineEvent.Kind.EDITED).pk for _ in range(n)]


def test_stream_is_newest_first_and_next_pages_go_back_without_overlap(api):
    rumor = RumorFactory()
    _add_events(rumor, 6)
    expected = list(
        TimelineEvent.objects.order_by("-created_at", "-id").values_list("id", flat=True)
    )
    seen, url = [], f"{URL}?page_size=3"
    while url:
        body = api.get(url).json()
        seen += [e["id"] for e in body["results"]]
        url = body["next"]
    assert seen == expected


def test_poller_following_previous_gets_every_new_event_exactly_once(api):
    rumor = RumorFactory()
    _add_events(rumor, 4)
    first = api.get(f"{URL}?page_size=2").json()
    poll = first["previous"]
    assert poll

    received = []
    inserted = []
    # Events arrive between polls, sometimes more than a page at once, sometimes none.
    for batch in (3, 0, 1, 5, 0, 2):
        inserted += _add_events(rumor, batch)
        while True:
            body = api.get(poll).json()
            poll = body["previous"]
            assert poll, "the poll link is never lost"
            if not body["results"]:
                break
            ids = [e["id"] for e in body["results"]]
            assert ids == sorted(ids, reverse=True), "each page is newest first"
            received += reversed(ids)

    assert received == inserted
    assert len(set(received)) == len(received)


def test_events_on_the_same_instant_are_neither_missed_nor_repeated(api):
    rumor = RumorFactory()
    now = timezone.now()
    TimelineEvent.objects.all().update(created_at=now - timedelta(seconds=1))
    first = api.get(f"{URL}?page_size=1").json()
    same = [
        TimelineEvent.objects.create(rumor=rumor, kind="edited", created_at=now).pk
        for _ in range(3)
    ]
    received, poll = [], first["previous"]
    for _ in range(5):
        body = api.get(poll).json()
        poll = body["previous"]
        received += reversed([e["id"] for e in body["results"]])
    assert received == same


def test_empty_stream_still_gives_a_poll_link(api):
    body = api.get(URL).json()
    assert body["results"] == [] and body["next"] is None
    rumor = RumorFactory()
    assert _ids(api.get(body["previous"])) == [rumor.events.get().pk]


def test_events_of_rejected_rumors_are_left_out(api):
    shown = RumorFactory()
    RumorFactory(status=Rumor.Status.REJECTED)
    assert _ids(api.get(URL)) == [shown.events.get().pk]


def test_filters_by_person_work_kind_and_since(api):
    person, work = PersonFactory(), WorkFactory()
    about_person = RumorFactory(people=[person])
    about_work = RumorFactory(works=[work])
    edit = timeline_append(rumor=about_work, kind=TimelineEvent.Kind.EDITED)

    assert _ids(api.get(URL, {"person": person.slug})) == [about_person.events.get().pk]
    assert set(_ids(api.get(URL, {"work": work.slug}))) == set(
        about_work.events.values_list("id", flat=True)
    )
    assert _ids(api.get(URL, {"kind": "edited"})) == [edit.pk]
    since = (edit.created_at).isoformat()
    assert _ids(api.get(URL, {"since": since})) == [edit.pk]


def test_bad_filter_and_cursor_values_are_refused_clearly(api):
    response = api.get(URL, {"kind": "exploded"})
    assert response.status_code == 400
    assert "kind" in response.json()
    response = api.get(URL, {"cursor": "not-a-cursor"})
    assert response.status_code == 404
    assert "Invalid cursor" in response.json()["detail"]


@pytest.mark.parametrize("events", [5, 50])
def test_query_count_does_not_grow_with_page_size(api, django_assert_num_queries, events):
    rumor = RumorFactory()
    _add_events(rumor, events - 1)
    # The validators' newest-event query, then the page itself.
    with django_assert_num_queries(2):
        body = api.get(URL, {"page_size": 50}).json()
    assert len(body["results"]) == events


def test_unchanged_stream_answers_304_until_a_new_event(api):
    rumor = RumorFactory()
    first = api.get(URL)
    poll = first.json()["previous"]
    response = api.get(poll)
    etag = response["ETag"]
    assert api.get(poll, HTTP_IF_NONE_MATCH=etag).status_code == 304
    timeline_append(rumor=rumor, kind=TimelineEvent.Kind.EDITED)
    again = api.get(poll, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and len(again.json()["results"]) == 1


def test_event_committed_late_with_an_earlier_time_is_not_missed(api, settings):
    settings.API_TIMELINE_SETTLE_SECONDS = 60
    rumor = RumorFactory()
    now = timezone.now()
    TimelineEvent.objects.all().update(created_at=now - timedelta(minutes=10))
    poll = api.get(URL).json()["previous"]

    # A fast writer's event, then a slow writer's event stamped earlier but committed later.
    fast = TimelineEvent.objects.create(rumor=rumor, kind="edited", created_at=now)
    assert _ids(api.get(poll)) == [], "not served before it settles"
    slow = TimelineEvent.objects.create(
        rumor=rumor, kind="edited", created_at=now - timedelta(seconds=5)
    )
    # Time passes: both settle.
    TimelineEvent.objects.filter(pk__in=[fast.pk, slow.pk]).update(
        created_at=F("created_at") - timedelta(minutes=2)
    )
    assert _ids(api.get(poll)) == [fast.pk, slow.pk]
