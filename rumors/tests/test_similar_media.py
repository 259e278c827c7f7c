"""Sources whose pictures are near-duplicates are linked as similar media and shown on both
rumor pages: how a re-upload, or the footage a deepfake was made from, is found."""

import pytest

from rumors.services.sources import source_fetch
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db

PAGE = (
    '<html><head><meta property="og:title" content="{title}">'
    '<meta property="og:image" content="{image}"></head></html>'
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def fetched(site, name, image_fixture, title):
    site.add_image(f"/{name}.jpg", image_fixture)
    site.add(f"/{name}", PAGE.format(title=title, image=f"/{name}.jpg"))
    rumor = RumorFactory(title=title, with_source=SourceFactory(url=site.url(f"/{name}")))
    source = rumor.sources.get()
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    return rumor, source


def test_near_duplicate_images_are_linked_both_ways(site):
    _, promo = fetched(site, "promo", "promo-still.jpg", "Itaewon Class promo")
    _, clip = fetched(site, "clip", "viral-clip-frame.jpg", "Viral kiss clip")
    _, other = fetched(site, "news", "unrelated-news-photo.jpg", "Unrelated news")
    assert list(clip.similar.all()) == [promo]
    assert list(promo.similar.all()) == [clip]
    assert not other.similar.exists()


def test_threshold_comes_from_settings(site, settings):
    settings.SIMILAR_MEDIA_MAX_DISTANCE = 2
    _, promo = fetched(site, "promo", "promo-still.jpg", "Itaewon Class promo")
    _, clip = fetched(site, "clip", "viral-clip-frame.jpg", "Viral kiss clip")
    assert not clip.similar.exists()


def test_both_rumor_pages_show_the_similar_media(site, client):
    promo_rumor, _ = fetched(site, "promo", "promo-still.jpg", "Itaewon Class promo")
    clip_rumor, _ = fetched(site, "clip", "viral-clip-frame.jpg", "Viral kiss clip")
    clip_page = client.get(clip_rumor.get_absolute_url()).content.decode()
    promo_page = client.get(promo_rumor.get_absolute_url()).content.decode()
    assert "Similar media" in clip_page and promo_rumor.get_absolute_url() in clip_page
    assert "Similar media" in promo_page and clip_rumor.get_absolute_url() in promo_page


def test_rumor_page_queries_stay_bounded_with_similar_media(
    site,
    client,
    django_assert_num_queries,
):
    rumor, _ = fetched(site, "promo", "promo-still.jpg", "Itaewon Class promo")
    for n in range(3):
        fetched(site, f"copy{n}", "viral-clip-frame.jpg", f"Re-upload {n}")
    with django_assert_num_queries(10):
        assert client.get(rumor.get_absolute_url()).status_code == 200
