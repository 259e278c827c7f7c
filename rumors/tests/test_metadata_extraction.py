"""Saved pages of the sites members link to most read correctly: JSON-LD first, then OpenGraph,
Twitter cards, oEmbed and plain HTML; relative URLs resolved, entities and charsets handled."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from rumors.fetchers.metadata import (
    PageMetadata,
    extract,
    finish,
    parse_datetime,
    parse_duration,
    read_page,
)
from rumors.models import Source
from rumors.services.sources import source_fetch
from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.tests.webserver import fixture_bytes

BASE = "https://example.com/page"

EXPECTED = {
    "tiktok-video.html": {
        "title": "Park Seo Joon x Kim Da Mi behind the scenes 🥹 #itaewonclass #parkseojoon "
        "#kimdami #kdrama #fyp",
        "author": "다미러버",
        "site_name": "TikTok",
        "published_at": datetime(2024, 3, 2, 11, 24, 51, tzinfo=UTC),
        "duration": timedelta(seconds=14),
        "canonical_url": "https://www.tiktok.com/@damilover_ig/video/7341234567890123456",
    },
    "x-post.html": {
        "title": "BREAKING: leaked off-screen clip of Park Seo-joon and Kim Da-mi 👀 "
        "is this real??",
        "author": "K-Drama Tea ☕",
        "site_name": "X (formerly Twitter)",
        "image_url": "https://pbs.twimg.com/amplify_video_thumb/1763891900000000000/img/"
        "Qw3rTy_uIoP.jpg",
        "video_url": "https://x.com/i/videos/tweet/1763892012345678901",
    },
    "instagram-reel.html": {
        "author": "Itaewon Fanpage",
        "site_name": "Instagram",
        "duration": timedelta(seconds=21),
        "published_at": datetime(2024, 3, 2, 9, 15, tzinfo=UTC),
        "canonical_url": "https://www.instagram.com/reel/C4AbCdEfGhI/",
    },
    "vimeo-video.html": {
        "title": "Itaewon Class (2020) – official teaser, unedited",
        "author": "Drama Archive Korea",
        "duration": timedelta(minutes=1),
        "published_at": datetime(2020, 1, 17, 15, 3, 44, tzinfo=UTC),
        "video_url": "https://player.vimeo.com/video/391234567?h=4a5b6c7d8e",
    },
    "reddit-post.html": {
        "title": 'Is the Park Seo-joon / Kim Da-mi "kiss" clip a deepfake? Frame-by-frame '
        "comparison inside",
        "author": "framebyframe_kd",
        "site_name": "Reddit",
        "published_at": datetime(2024, 3, 3, 4, 12, 55, tzinfo=UTC),
        "language": "en",
    },
    "bluesky-post.html": {
        "title": "Drama Fact Check (@dramafactcheck.bsky.social)",
        "author": "dramafactcheck.bsky.social",
        "site_name": "Bluesky Social",
        "description": 'Agency statement just dropped: the "kiss" clip is AI-generated from '
        "Itaewon Class promo footage. Legal action against the uploader. 🧵",
    },
    "naver-entertain.html": {
        "title": "박서준·김다미 '키스 영상' 확산…소속사 \"AI 합성, 법적 대응\"",
        "site_name": "OSEN",
        "author": "김나연 기자",
        "platform": "Naver",
        "published_at": datetime(2024, 3, 3, 1, 12, tzinfo=UTC),
        "language": "ko",
    },
    "korean-news-euckr.html": {
        "title": "[단독] 박서준·김다미 열애설 영상, 똠방각하 패러디 계정이 처음 올렸다",
        "author": "이수진 기자",
        "site_name": "스타뉴스코리아",
        "image_url": "https://example.com/photo/2024/03/04/20240304093012_1.jpg",
        "canonical_url": "https://example.com/news/view.php?no=20240304093012",
    },
    "soompi-news.html": {
        "title": "Park Seo Joon And Kim Da Mi’s Agencies Respond To Viral “Kiss” Video",
        "author": "E Cha",
        "site_name": "Soompi",
        "language": "en-US",
    },
    "koreaherald-news.html": {
        "title": "[Newsmaker] Deepfake 'kiss' clip of actors spreads, agencies vow legal action",
        "author": "Choi Ji-won",
        "image_url": "https://res.heraldm.com/content/image/2024/03/04/20240304050123_0.jpg",
        "published_at": datetime(2024, 3, 4, 5, 51, tzinfo=UTC),
    },
}


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_saved_page_reads_correctly(fixture):
    page = read_page(fixture_bytes(f"pages/{fixture}"), url=BASE)
    for name, expected in EXPECTED[fixture].items():
        assert getattr(page, name) == expected, name
    assert page.title and page.image_url
    assert not page.unavailable
    assert page.published_at is None or page.published_at.tzinfo is not None


def test_json_ld_outranks_opengraph():
    page = read_page(fixture_bytes("pages/tiktok-video.html"), url=BASE)
    assert page.title != "TikTok · 다미러버"  # og:title
    assert page.structured_data["json_ld"][0]["@type"] == "VideoObject"
    assert page.structured_data["opengraph"]["og:title"] == "TikTok · 다미러버"


def test_oembed_link_is_discovered_and_fills_missing_fields():
    html = fixture_bytes("pages/youtube-watch.html").replace(b"{site}", b"https://www.youtube.com")
    page = extract(html, url="https://www.youtube.com/watch?v=xK9aQ2mPz0w")
    assert page.oembed_url == (
        "https://www.youtube.com/oembed?format=json"
        "&url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DxK9aQ2mPz0w"
    )
    bare = PageMetadata(title="A clip")
    finish(bare, url=BASE, oembed=json.loads(fixture_bytes("pages/youtube-oembed.json")))
    assert bare.author == "K-Buzz TV"
    assert bare.author_handle == "kbuzztv"
    assert bare.site_name == "YouTube"
    assert bare.structured_data["oembed"]["provider_name"] == "YouTube"


def test_youtube_watch_page_names_its_channel_without_oembed():
    url = "https://www.youtube.com/watch?v=xK9aQ2mPz0w"
    page = read_page(fixture_bytes("pages/youtube-watch.html"), url=url)
    assert (page.author, page.author_handle, page.platform) == ("K-Buzz TV", "kbuzztv", "YouTube")
    assert page.duration == timedelta(seconds=14)


def test_html_entities_and_whitespace_are_normalised():
    html = b"<title>\n  Tom &amp;amp; Jerry\t&#8220;x&#8221;  </title>"
    assert read_page(html, url=BASE).title == "Tom & Jerry “x”"


def test_relative_and_protocol_relative_urls_are_resolved_against_the_final_url():
    html = b"""<meta property="og:image" content="../img/a.jpg">
    <link rel="canonical" href="//cdn.example.org/c">
    <meta property="og:video" content="javascript:x">"""
    page = read_page(html, url="https://news.example.com/a/b/c")
    assert page.image_url == "https://news.example.com/a/img/a.jpg"
    assert page.canonical_url == "https://cdn.example.org/c"
    assert page.video_url == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01T02:00:05-08:00", datetime(2024, 3, 1, 10, 0, 5, tzinfo=UTC)),
        ("2024-03-03T04:12:55.000000+0000", datetime(2024, 3, 3, 4, 12, 55, tzinfo=UTC)),
        ("Sun, 03 Mar 2024 10:00:00 GMT", datetime(2024, 3, 3, 10, tzinfo=UTC)),
        ("2024.03.03", datetime(2024, 3, 3, tzinfo=UTC)),
        ("not a date", None),
    ],
)
def test_dates_are_read_timezone_aware(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT1M23S", timedelta(seconds=83)),
        ("PT00H01M00S", timedelta(minutes=1)),
        ("60", timedelta(seconds=60)),
        ("P", None),
        ("soon", None),
    ],
)
def test_durations_are_read(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.django_db
def test_youtube_page_with_its_oembed_document_is_stored_on_the_source(site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    site.add_page("/watch", "youtube-watch.html")
    site.add(
        "/oembed?format=json&url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DxK9aQ2mPz0w",
        fixture_bytes("pages/youtube-oembed.json"),
        content_type="application/json",
    )
    source = RumorFactory(with_source=SourceFactory(url=site.url("/watch"))).sources.get()
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.FETCHED
    assert source.author == "K-Buzz TV"
    assert source.duration == timedelta(seconds=14)
    assert source.video_url == "https://www.youtube.com/embed/xK9aQ2mPz0w"
    assert source.structured_data["oembed"]["author_name"] == "K-Buzz TV"
    assert source.published_at == datetime(2024, 3, 1, 10, 0, 5, tzinfo=UTC)
