from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import UserFactory
from config.languages import in_language
from config.testsupport import free_port
from rumors import pagecache
from rumors.models import Rumor, TimelineEvent
from rumors.services.timeline import timeline_append
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def test_anonymous_reader_gets_the_cached_page_without_a_query(
    client, page_cache, django_assert_num_queries
):
    rumor = RumorFactory(title="Kiss clip")
    assert client.get(rumor.get_absolute_url())["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):  # the stamp, too, comes from the cache
        response = client.get(rumor.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "Kiss clip" in response.content.decode()


def test_a_timeline_event_invalidates_the_cached_page_once_committed(
    client, page_cache, django_capture_on_commit_callbacks
):
    rumor = RumorFactory(title="Kiss clip")
    client.get(rumor.get_absolute_url())
    Rumor.objects.filter(pk=rumor.pk).update(title="Renamed behind the cache's back")
    assert "Kiss clip" in client.get(rumor.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        timeline_append(rumor=rumor, kind=TimelineEvent.Kind.EDITED)
        # Until the change commits, readers keep the page as it was.
        assert "Kiss clip" in client.get(rumor.get_absolute_url()).content.decode()
    response = client.get(rumor.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Renamed behind the cache" in response.content.decode()


def test_a_cached_page_holds_nothing_per_reader(page_cache):
    """One rendering serves every reader: no CSRF token, no cookie, on a miss or a hit."""
    rumor = RumorFactory()
    first, second = Client(), Client()
    miss = first.get(rumor.get_absolute_url())
    hit = second.get(rumor.get_absolute_url())
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_languages_are_cached_apart(client, page_cache):
    rumor = RumorFactory()
    client.get(rumor.get_absolute_url())
    korean = client.get(in_language(rumor.get_absolute_url(), "ko"))
    assert korean["X-Page-Cache"] == "miss"
    assert '<html lang="ko">' in korean.content.decode()


def test_members_are_never_served_cached_pages(client, page_cache):
    rumor = RumorFactory()
    client.get(rumor.get_absolute_url())
    client.force_login(UserFactory(display_name="Minji"))
    response = client.get(rumor.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "Minji" in response.content.decode()


def test_a_stamp_the_cache_lost_is_read_from_the_database(client, page_cache):
    rumor = RumorFactory(title="Kiss clip")
    client.get(rumor.get_absolute_url())
    Rumor.objects.filter(pk=rumor.pk).update(
        title="Renamed", last_activity_at=timezone.now() + timedelta(seconds=1)
    )
    page_cache.delete(pagecache.PAGES_STAMP_KEY)  # evicted, or expired
    assert "Renamed" in client.get(rumor.get_absolute_url()).content.decode()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_pages_are_cached_in_redis_when_configured(client, page_cache, settings):
    assert page_cache.__class__.__name__ == "ResilientRedisCache"
    rumor = RumorFactory()
    assert client.get("/en/")["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    timeline_append(rumor=rumor, kind=TimelineEvent.Kind.EDITED)  # commits at once
    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_pages_and_the_api_still_answer_while_redis_is_down(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nobody listens
        }
    }
    rumor = RumorFactory(title="Kiss clip")
    for path in (rumor.get_absolute_url(), "/en/", "/api/v1/rumors/", "/api/v1/timeline/"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Kiss clip" in client.get(rumor.get_absolute_url()).content.decode()
