"""The foundation's slice, end to end: a member submits a link through the web form, a real
Celery worker fetches the page from a local server, and the rumor page shows what it found."""

import pytest
from django.conf import settings

from accounts.tests.factories import UserFactory
from config.testsupport import wait_for
from rumors.models import Rumor, Source, TimelineEvent
from rumors.tests.factories import PersonFactory, WorkFactory

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Clip | K-Buzz</title>
<meta property="og:title" content="Park Seo-joon &amp; Kim Da-mi off-screen kiss?">
<meta property="og:description" content="A 14-second clip is spreading on social media.">
<meta property="og:site_name" content="K-Buzz">
<meta property="og:image" content="/media-files/frame.jpg">
<meta property="article:published_time" content="2024-03-02T18:30:00+09:00">
<meta name="author" content="Lee Min-ji">
</head><body><article>The clip...</article></body></html>"""


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_submitted_link_is_fetched_by_worker_and_shown_on_rumor_page(
    site,
    media_root,
    start_celery_worker,
    client,
):
    page_url = site.add("/clip/123", PAGE)
    site.add_image("/media-files/frame.jpg", "viral-clip-frame.jpg")
    person, work = PersonFactory(slug="park-seo-joon"), WorkFactory(slug="itaewon-class")
    member = UserFactory()
    start_celery_worker(
        FETCH_ALLOW_HOSTS=",".join(settings.FETCH_ALLOW_HOSTS), MEDIA_ROOT=str(media_root)
    )

    assert client.login(username=member.username, password="correct-horse-battery")
    response = client.post(
        "/en/submit/",
        {
            "url": page_url,
            "title": "Off-screen kiss clip",
            "claim": "The two leads kissed after filming.",
            "people": [person.slug],
            "works": [work.slug],
        },
    )
    assert response.status_code == 302
    rumor = Rumor.objects.get()
    source = rumor.sources.get()

    wait_for(
        lambda: Source.objects.filter(pk=source.pk, fetch_state=Source.State.FETCHED).exists(),
        timeout=60,
        message=f"the worker did not fetch the source; state {source.fetch_state}",
    )
    source.refresh_from_db()
    assert source.title == "Park Seo-joon & Kim Da-mi off-screen kiss?"
    assert source.site_name == "K-Buzz"
    assert source.author == "Lee Min-ji"
    assert source.published_at.isoformat() == "2024-03-02T09:30:00+00:00"
    assert source.image_url == site.url("/media-files/frame.jpg")
    assert (media_root / source.thumbnail.name).exists()

    page = client.get(f"/en/rumors/{rumor.pk}/", follow=True)
    assert page.redirect_chain[0][0] == rumor.get_absolute_url()
    html = page.content.decode()
    assert "Park Seo-joon &amp; Kim Da-mi off-screen kiss?" in html
    assert f'src="{source.thumbnail.url}"' in html
    assert client.get(source.thumbnail.url).status_code == 200
    kinds = list(rumor.events.values_list("kind", flat=True))
    assert kinds == [TimelineEvent.Kind.SUBMITTED, TimelineEvent.Kind.SOURCE_FETCHED]
