"""The page's image becomes two re-encoded thumbnails and a perceptual hash; hostile or broken
images are refused with a reason while the page's metadata is still kept."""

import io

import pytest
from PIL import Image

from rumors.fetchers.images import ImageRejected, make_thumbnails
from rumors.models import Source
from rumors.services.sources import source_fetch
from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.tests.webserver import fixture_bytes

PIXELS = 40_000_000


def page_with_image(image_url: str) -> str:
    return f"""<html><head><title>Clip</title>
    <meta property="og:title" content="Promo still"><meta property="og:image" content="{image_url}">
    </head></html>"""


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def fetch(site, image_path, fixture, content_type="image/jpeg"):
    site.add("/page", page_with_image(image_path))
    if fixture:
        site.add_image(image_path, fixture, content_type=content_type)
    rumor = RumorFactory(with_source=SourceFactory(url=site.url("/page")))
    source = rumor.sources.get()
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    return source


@pytest.mark.django_db
def test_image_is_stored_as_two_stripped_copies_with_a_hash(site, media_root):
    source = fetch(site, "/still.jpg", "promo-still.jpg")
    assert source.fetch_state == Source.State.FETCHED
    large = Image.open(media_root / source.thumbnail.name)
    small = Image.open(media_root / source.thumbnail_small.name)
    assert large.size == (640, 360)
    assert small.size == (320, 180)
    assert not large.getexif() and not small.getexif()
    assert len(source.pdq) == 64 and source.pdq_quality >= 50
    assert source.last_error == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fixture", "content_type", "reason"),
    [
        ("bomb.png", "image/png", "too large"),
        ("truncated.jpg", "image/jpeg", "damaged"),
        ("not-an-image.jpg", "image/jpeg", "not an image"),
        ("logo.svg", "image/svg+xml", "Expected image/jpeg"),
    ],
)
def test_hostile_image_is_refused_but_page_is_kept(
    site,
    media_root,
    fixture,
    content_type,
    reason,
):
    source = fetch(site, "/img", fixture, content_type)
    assert source.fetch_state == Source.State.FETCHED
    assert source.title == "Promo still"
    assert not source.thumbnail
    assert reason in source.last_error


@pytest.mark.django_db
def test_image_url_pointing_inside_is_refused(site, media_root):
    source = fetch(site, "http://169.254.169.254/latest/meta-data/iam", None)
    assert source.fetch_state == Source.State.FETCHED
    assert "169.254.169.254" in source.last_error
    assert not source.thumbnail


@pytest.mark.parametrize(
    "fixture", ["channel-avatar.png", "reaction.gif", "short-cover.webp", "promo-still.jpg"]
)
def test_common_formats_become_jpeg_thumbnails(fixture):
    thumbs = make_thumbnails(fixture_bytes(f"images/{fixture}"), max_pixels=PIXELS)
    assert Image.open(io.BytesIO(thumbs.large)).format == "JPEG"
    assert Image.open(io.BytesIO(thumbs.small)).size == (320, 180)


def test_image_over_the_pixel_limit_is_refused_before_decoding():
    with pytest.raises(ImageRejected, match="too large"):
        make_thumbnails(fixture_bytes("images/promo-still.jpg"), max_pixels=1000)
