"""Sources of open rumors are fetched again now and then: a clip that went offline is marked gone
with a timeline event and keeps what was fetched before; an unchanged page appends nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rumors.models import Evidence, Rumor, Source, TimelineEvent
from rumors.services.sources import source_fetch, source_recheck, sources_recheck_due
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_test_queue")]

PAGE = '<html><head><meta property="og:title" content="{title}"></head></html>'


def fetched_rumor(site, path="/clip", title="Original title"):
    site.add(path, PAGE.format(title=title))
    rumor = RumorFactory(with_source=SourceFactory(url=site.url(path)))
    source = rumor.sources.get()
    source_fetch(source_id=source.pk)
    return rumor, source


def kinds(rumor):
    return list(rumor.events.values_list("kind", flat=True))


def test_page_now_404_marks_source_gone_and_keeps_metadata(site):
    rumor, source = fetched_rumor(site)
    site.add("/clip", status=404)
    source_recheck(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.GONE
    assert source.title == "Original title"
    assert kinds(rumor)[-1] == TimelineEvent.Kind.SOURCE_GONE
    assert "404" in rumor.events.last().data["error"]
    source_recheck(source_id=source.pk)
    assert kinds(rumor).count(TimelineEvent.Kind.SOURCE_GONE) == 1


def test_video_unavailable_page_marks_source_gone(site):
    rumor, source = fetched_rumor(site)
    site.add_page("/clip", "youtube-unavailable.html")
    source_recheck(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.GONE
    assert "no longer available" in source.last_error


def test_unchanged_page_appends_nothing(site):
    rumor, source = fetched_rumor(site)
    before = kinds(rumor)
    source_recheck(source_id=source.pk)
    source.refresh_from_db()
    assert kinds(rumor) == before
    assert source.fetch_state == Source.State.FETCHED
    assert site.hits["/clip"] == 2


def test_changed_page_is_recorded(site):
    rumor, source = fetched_rumor(site)
    site.add("/clip", PAGE.format(title="Edited title"))
    source_recheck(source_id=source.pk)
    source.refresh_from_db()
    assert source.title == "Edited title"
    assert rumor.events.last().data == {"title": "Edited title"}


def test_gone_page_that_returns_is_fetched_again(site):
    rumor, source = fetched_rumor(site)
    site.add("/clip", status=410)
    source_recheck(source_id=source.pk)
    site.add("/clip", PAGE.format(title="Original title"))
    source_recheck(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.FETCHED
    assert kinds(rumor)[-2:] == [TimelineEvent.Kind.SOURCE_GONE, TimelineEvent.Kind.SOURCE_FETCHED]


def test_passing_trouble_on_recheck_changes_no_state(site):
    rumor, source = fetched_rumor(site)
    site.add("/clip", status=503)
    source_recheck(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.FETCHED
    assert "503" in source.last_error
    assert kinds(rumor)[-1] == TimelineEvent.Kind.SOURCE_FETCHED


def test_evidence_rumors_hear_of_the_source_too(site):
    rumor, source = fetched_rumor(site)
    other = RumorFactory()
    Evidence.objects.create(
        rumor=other, kind=Evidence.Kind.ORIGINAL_FOOTAGE, stance="refutes", source=source
    )
    site.add("/clip", status=404)
    source_recheck(source_id=source.pk)
    assert kinds(other)[-1] == TimelineEvent.Kind.SOURCE_GONE


def test_only_sources_of_open_rumors_checked_long_ago_are_due(site, settings):
    long_ago = timezone.now() - timedelta(seconds=settings.FETCH_RECHECK_INTERVAL + 60)
    _, due = fetched_rumor(site, "/a")
    _, recent = fetched_rumor(site, "/b")
    closed, of_closed = fetched_rumor(site, "/c")
    Rumor.objects.filter(pk=closed.pk).update(status=Rumor.Status.RESOLVED)
    Source.objects.filter(pk__in=[due.pk, of_closed.pk]).update(last_checked_at=long_ago)
    assert sources_recheck_due() == 1
