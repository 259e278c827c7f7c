"""The never-host bank with the real pieces: a member submits a link through the web form, a
real Celery worker fetches it, and a resized copy of a banked picture is never written."""

from django.conf import settings

from accounts.tests.factories import UserFactory
from config.testsupport import wait_for
from rumors import matching
from rumors.models import BankedHash, Report, Rumor, Source
from rumors.services.bank import bank_add
from rumors.tests.images import fixture_image, reencoded

PAGE = """<html><head><title>Backstage</title>
<meta property="og:title" content="Backstage clip"><meta property="og:image" content="/frame.jpg">
</head></html>"""


def test_a_banked_picture_behind_a_new_link_never_reaches_media_root(
    site, tmp_path, start_celery_worker, client
):
    media_root = tmp_path / "media"
    bank_add(
        media_hash=matching.hash_image(fixture_image("promo-still.jpg")),
        origin=BankedHash.Origin.IMPORT,
    )
    url = site.add("/post/77", PAGE)
    site.add("/frame.jpg", reencoded("promo-still.jpg", scale=0.5), content_type="image/jpeg")
    start_celery_worker(
        FETCH_ALLOW_HOSTS=",".join(settings.FETCH_ALLOW_HOSTS), MEDIA_ROOT=str(media_root)
    )
    client.force_login(UserFactory())
    answer = client.post(
        "/en/submit/", {"url": url, "title": "백스테이지 영상", "claim": "A leaked backstage clip."}
    )
    assert answer.status_code == 302
    rumor = Rumor.objects.get()

    wait_for(
        lambda: Report.objects.filter(bank_entry__isnull=False).exists(),
        timeout=60,
        message="the worker filed no bank-match report",
    )
    source = Source.objects.get()
    assert source.fetch_state == Source.State.FETCHED and source.title == "Backstage clip"
    assert source.is_media_blocked and not source.thumbnail
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))
    assert rumor.title == "백스테이지 영상"
