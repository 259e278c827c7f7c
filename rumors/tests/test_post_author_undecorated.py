"""Who posted a link and when, as the post's page and its address say it: the author's "By " and
"@" decorations stripped, the handle kept apart, the time of an X or TikTok post read from its
id, Korean portals' local times read as Korea Standard Time."""

from datetime import UTC, datetime

import pytest

from rumors.fetchers.metadata import read_page
from rumors.fetchers.platforms import (
    handle_from_url,
    korean_datetime,
    platform_for,
    posted_at_from_id,
    split_author,
)
from rumors.models import Source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Doe", ("Jane Doe", "")),
        ("by Lee Jae-lim", ("Lee Jae-lim", "")),
        ("Itaewon Fanpage (@itaewon_fanpage)", ("Itaewon Fanpage", "itaewon_fanpage")),
        ("@kdrama_tea", ("", "kdrama_tea")),
        ("u/framebyframe_kd", ("framebyframe_kd", "framebyframe_kd")),
        ("이수진 기자", ("이수진 기자", "")),
        ("Choi Ji-won, Lee Jae-lim", ("Choi Ji-won, Lee Jae-lim", "")),
    ],
)
def test_author_decorations_are_stripped_and_news_bylines_kept(text, expected):
    assert split_author(text) == expected


@pytest.mark.parametrize(
    ("url", "handle"),
    [
        ("https://x.com/kdrama_tea/status/1763892012345678901", "kdrama_tea"),
        ("https://twitter.com/kdrama_tea", "kdrama_tea"),
        ("https://x.com/i/videos/tweet/1763892012345678901", ""),
        ("https://www.tiktok.com/@damilover_ig/video/7341234567890123456", "damilover_ig"),
        ("http://www.youtube.com/@kbuzztv", "kbuzztv"),
        ("https://www.youtube.com/watch?v=xK9aQ2mPz0w", ""),
        ("https://www.instagram.com/itaewon_fanpage", "itaewon_fanpage"),
        ("https://www.instagram.com/reel/C4AbCdEfGhI/", ""),
        (
            "https://bsky.app/profile/dramafactcheck.bsky.social/post/3kmx",
            "dramafactcheck.bsky.social",
        ),
        ("https://www.reddit.com/user/framebyframe_kd/", "framebyframe_kd"),
        ("https://news.example.com/jane", ""),
    ],
)
def test_handle_is_read_from_profile_and_post_addresses(url, handle):
    assert handle_from_url(url) == handle


def test_platform_is_named_from_the_host_and_unknown_sites_have_none():
    assert platform_for("https://m.entertain.naver.com/article/109/1") == "Naver"
    assert platform_for("https://blog.naver.com/dami/2233") == "Naver Blog"
    assert platform_for("https://mobile.twitter.com/a/status/1") == "X"
    assert platform_for("https://www.koreaherald.com/view.php") == ""
    assert platform_for("https://notyoutube.com/watch") == ""


# The moment an X post was made, in milliseconds since X's epoch (2010-11-04 01:42:54.657 UTC),
# is the part of its id above the 22nd bit; a TikTok video's, in Unix seconds, above the 32nd.
POSTED = datetime(2024, 3, 2, 12, 41, 7, 123000, tzinfo=UTC)
X_ID = (int(POSTED.timestamp() * 1000) - 1288834974657) << 22 | 0b1010_0000_0000_0001
TIKTOK_ID = int(POSTED.timestamp()) << 32 | 12345


def test_x_and_tiktok_post_ids_give_the_time_of_posting():
    assert posted_at_from_id(f"https://x.com/a/status/{X_ID}") == POSTED
    assert posted_at_from_id(f"https://www.tiktok.com/@a/video/{TIKTOK_ID}") == POSTED.replace(
        microsecond=0
    )
    assert posted_at_from_id(f"https://www.youtube.com/watch?v={X_ID}") is None
    assert posted_at_from_id("https://x.com/a/status/99999999999999999999") is None  # year 2700
    assert posted_at_from_id("https://www.tiktok.com/@a/video/100000000000000000") is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-03-03 10:12:00", "2024-03-03T10:12:00+09:00"),
        ("2024.03.03. 오후 1:12", "2024-03-03T13:12:00+09:00"),
        ("2024. 3. 3. 10:12", "2024-03-03T10:12:00+09:00"),
        ("입력 2024.03.03. 오전 12:05", "2024-03-03T00:05:00+09:00"),
        ("어제", ""),
    ],
)
def test_korean_portal_times_are_korea_standard_time(text, iso):
    assert korean_datetime(text) == iso


def test_post_with_only_a_handle_is_credited_to_the_handle():
    html = b'<meta property="og:title" content="clip"><meta name="twitter:creator" content="@dami">'
    page = read_page(html, url=f"https://x.com/dami/status/{X_ID}")
    assert (page.author, page.author_handle, page.platform) == ("dami", "dami", "X")
    assert page.published_at == POSTED


@pytest.mark.parametrize(
    ("author", "handle", "shown"),
    [
        ("K-Drama Tea ☕", "kdrama_tea", "K-Drama Tea ☕ (@kdrama_tea)"),
        ("dami", "dami", "@dami"),
        ("", "dami", "@dami"),
        ("Choi Ji-won", "", "Choi Ji-won"),
        ("", "", ""),
    ],
)
def test_source_shows_the_author_with_the_handle(author, handle, shown):
    assert Source(author=author, author_handle=handle).display_author == shown


@pytest.mark.parametrize(
    ("site_name", "platform", "shown"),
    [
        ("X (formerly Twitter)", "X", "X (formerly Twitter)"),
        ("OSEN", "Naver", "OSEN · Naver"),
        ("The Korea Herald", "", "The Korea Herald"),
        ("", "TikTok", "TikTok"),
    ],
)
def test_source_names_the_publisher_and_the_platform_once(site_name, platform, shown):
    assert Source(site_name=site_name, platform=platform).display_outlet == shown
