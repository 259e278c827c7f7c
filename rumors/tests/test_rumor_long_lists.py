"""A viral clip collects thousands of re-uploads and events: the rumor page shows the first
sources and the latest events, and the whole lists are a link away, page by page."""

import pytest
from django.urls import reverse

from rumors import selectors
from rumors.models import Rumor, Source, TimelineEvent
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def viral():
    rumor = RumorFactory(title="Airport clip")
    n_sources = selectors.RUMOR_PAGE_SOURCES + selectors.SOURCES_PER_PAGE + 3
    sources = Source.objects.bulk_create(
        Source(url=f"https://clips.example/{i}", normalized_url=f"https://clips.example/{i}")
        for i in range(n_sources)
    )
    rumor.sources.add(*sources)
    sources = list(rumor.sources.order_by("id"))  # with the one it was submitted with
    n_events = selectors.RUMOR_PAGE_EVENTS + selectors.EVENTS_PER_PAGE + 7
    TimelineEvent.objects.bulk_create(
        TimelineEvent(rumor=rumor, kind=TimelineEvent.Kind.EDITED, data={"title": f"edit {i}"})
        for i in range(n_events)
    )
    return rumor, sources, n_events


def test_rumor_page_shows_the_first_sources_and_the_latest_events(client, viral):
    rumor, sources, n_events = viral
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert f"Sources ({len(sources)})" in body
    assert body.count('class="source-card"') == selectors.RUMOR_PAGE_SOURCES
    assert f'id="source-{sources[0].pk}"' in body
    assert f'id="source-{sources[selectors.RUMOR_PAGE_SOURCES].pk}"' not in body
    more = len(sources) - selectors.RUMOR_PAGE_SOURCES
    assert f"See {more} more sources" in body
    assert reverse("rumors:sources", args=[rumor.pk]) in body

    timeline = body[body.index('id="timeline-h"') :]
    assert timeline.count('class="event ') == selectors.RUMOR_PAGE_EVENTS
    assert f"edit {n_events - 1}<" in timeline  # the latest, last
    assert "edit 0<" not in timeline
    assert reverse("rumors:timeline", args=[rumor.pk]) in timeline


def test_whole_timeline_is_paged_oldest_first(client, viral):
    rumor, _, n_events = viral
    url = reverse("rumors:timeline", args=[rumor.pk])
    first = client.get(url).content.decode()
    assert f"{n_events + 1} events, oldest first." in first  # and the submission
    assert first.count('class="event ') == selectors.EVENTS_PER_PAGE
    assert first.index("Submitted") < first.index("edit 0<") < first.index("edit 1<")
    assert 'rel="next"' in first and 'rel="prev"' not in first
    last = client.get(url + "?page=2").content.decode()
    assert f"edit {n_events - 1}<" in last and 'rel="next"' not in last
    assert client.get(url + "?page=99").status_code == 200  # past the end: the last page


def test_all_sources_page_by_page(client, viral):
    rumor, sources, _ = viral
    url = reverse("rumors:sources", args=[rumor.pk])
    first = client.get(url).content.decode()
    assert f"{len(sources)} links" in first
    assert first.count('class="source-card"') == selectors.SOURCES_PER_PAGE
    last = client.get(url + "?page=2").content.decode()
    assert f'id="source-{sources[-1].pk}"' in last


def test_short_lists_have_no_links_to_the_whole_lists(client):
    rumor = RumorFactory(with_source=SourceFactory())
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert reverse("rumors:sources", args=[rumor.pk]) not in body
    assert reverse("rumors:timeline", args=[rumor.pk]) not in body
    assert ">Source<" in body


def test_list_pages_hide_rejected_rumors_from_readers(client):
    rumor = RumorFactory(status=Rumor.Status.REJECTED)
    for name in ("rumors:sources", "rumors:timeline"):
        assert client.get(reverse(name, args=[rumor.pk])).status_code == 404


@pytest.mark.parametrize("title", ["Timeline", "Sources", "Vote", "Evidence", "Reopen"])
def test_a_slug_never_shadows_the_pages_under_a_rumor(client, title):
    rumor = RumorFactory(title=title)
    assert rumor.slug == f"{title.lower()}-rumor"
    assert client.get(rumor.get_absolute_url()).status_code == 200


def test_list_pages_keep_to_a_query_budget(client, viral, django_assert_num_queries):
    rumor, _, _ = viral
    for name, queries in (("rumors:sources", 3), ("rumors:timeline", 3)):
        with django_assert_num_queries(queries):
            assert client.get(reverse(name, args=[rumor.pk])).status_code == 200
