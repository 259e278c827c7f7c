"""Whether a piece of media may be shown is decided by rumors.media.media_visible alone; every
surface that could show a frame of a sensitive clip asks it. One test per surface."""

import re

import pytest
from rest_framework.test import APIClient

from rumors.media import media_visible
from rumors.tests.factories import RumorFactory, SourceFactory, media_link
from rumors.verdicts import Verdict

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

FRAME = "https://cdn.example/deepfake-frame.jpg"
CLIP = "https://cdn.example/deepfake.mp4"


def make(*, source_sensitive=False, rumor_sensitive=False):
    source = SourceFactory(
        thumbnail="thumbs/frame.jpg",
        thumbnail_small="thumbs/frame-s.jpg",
        image_url=FRAME,
        video_url=CLIP,
        is_sensitive=source_sensitive,
    )
    rumor = RumorFactory(
        with_source=source,
        is_sensitive=rumor_sensitive,
        verdict=Verdict.CONFIRMED,
        status="resolved",
    )
    return rumor, source


def test_the_rule():
    plain, flagged = SourceFactory.build(), SourceFactory.build(is_sensitive=True)
    calm, sensitive = RumorFactory.build(), RumorFactory.build(is_sensitive=True)
    assert media_visible(plain, calm)
    assert not media_visible(flagged, calm)
    assert not media_visible(plain, calm, sensitive)
    assert not media_visible(None, sensitive) and media_visible(None, calm)


cases = pytest.mark.parametrize(
    "flags", [{"source_sensitive": True}, {"rumor_sensitive": True}], ids=["link", "rumor"]
)


@cases
def test_api_rumor_withholds_every_media_link(flags):
    rumor, _ = make(**flags)
    for body in (
        APIClient().get(f"/api/v1/rumors/{rumor.pk}/").json(),
        APIClient().get("/api/v1/rumors/").json()["results"][0],
    ):
        source = body["sources"][0]
        assert source["thumbnail_url"] is source["thumbnail_small_url"] is None
        assert source["image_url"] is source["video_url"] is None


@cases
def test_api_source_withholds_every_media_link(flags):
    _, source = make(**flags)
    body = APIClient().get(f"/api/v1/sources/{source.pk}/").json()
    assert body["thumbnail_url"] is body["thumbnail_small_url"] is None
    assert body["image_url"] is body["video_url"] is None


@cases
def test_json_ld_names_the_page_but_not_the_file(flags, client):
    rumor, _ = make(**flags)
    documents = [
        APIClient().get(f"/api/v1/rumors/{rumor.pk}/claimreview/").content.decode(),
        client.get(rumor.get_absolute_url()).content.decode(),
    ]
    for text in documents:
        assert "MediaReview" in text
        assert FRAME not in text and CLIP not in text


@cases
def test_pages_show_no_unblurred_thumbnail(flags, client):
    rumor, _ = make(**flags)
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert not re.search(r'<img class="(thumb|source-thumb)" src="[^"]*frame', page)
    # The link preview pictures the site's card, never the frame.
    assert re.search(r'<meta property="og:image" content="[^"]*/card/[^"]*\.png">', page)
    home = client.get("/en/").content.decode()
    assert "frame-s.jpg" not in home and "Sensitive image hidden" in home


def test_similar_media_hides_a_thumbnail_that_is_sensitive_on_its_own_rumor(client):
    shown_rumor, shown_source = make()
    _, other_source = make(rumor_sensitive=True)
    media_link(shown_source, other_source)
    page = client.get(shown_rumor.get_absolute_url()).content.decode()
    panel = page[page.index("Similar media") :]
    assert "Sensitive image hidden" in panel


def test_calm_media_is_shown_everywhere(client):
    rumor, source = make()
    body = APIClient().get(f"/api/v1/sources/{source.pk}/").json()
    assert body["image_url"] == FRAME and body["thumbnail_url"].endswith("/media/thumbs/frame.jpg")
    assert CLIP in APIClient().get(f"/api/v1/rumors/{rumor.pk}/claimreview/").content.decode()
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert 'class="source-thumb" src="/media/thumbs/frame.jpg"' in page
