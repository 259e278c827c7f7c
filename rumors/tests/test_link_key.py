"""A link's key is what it points to: the platform and the content id on the platforms fans
share from, whatever host, path shape, mirror or tracking parameter it came with; elsewhere the
normalized URL, http and https alike."""

import pytest

from rumors.fetchers.linkkeys import LINK_KEY_MAX_LENGTH, link_key
from rumors.fetchers.urls import InvalidURL

YT = "dQw4w9WgXcQ"
TIKTOK = "7301234567890123456"
NEWS = "108/0003123456"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        # YouTube
        (f"https://www.youtube.com/watch?v={YT}", f"youtube:{YT}"),
        (f"http://youtube.com/watch?v={YT}&t=42s&list=PL1&feature=share", f"youtube:{YT}"),
        (f"https://m.youtube.com/watch?v={YT}", f"youtube:{YT}"),
        (f"https://music.youtube.com/watch?v={YT}&si=abc", f"youtube:{YT}"),
        (f"https://www.youtube.com/embed/{YT}?start=10", f"youtube:{YT}"),
        (f"https://www.youtube-nocookie.com/embed/{YT}", f"youtube:{YT}"),
        (f"https://www.youtube.com/live/{YT}?feature=shared", f"youtube:{YT}"),
        (f"https://youtube.com/shorts/{YT}?si=xyz", f"youtube:{YT}"),
        (f"https://youtu.be/{YT}?t=3", f"youtube:{YT}"),
        # X / Twitter and their mirrors
        ("https://x.com/someone/status/1790000000000000001", "x:1790000000000000001"),
        ("https://twitter.com/someone/status/1790000000000000001", "x:1790000000000000001"),
        ("https://mobile.twitter.com/someone/status/1790000000000000001", "x:1790000000000000001"),
        ("https://x.com/i/status/1790000000000000001", "x:1790000000000000001"),
        ("https://x.com/i/web/status/1790000000000000001", "x:1790000000000000001"),
        ("https://x.com/someone/status/1790000000000000001/photo/1", "x:1790000000000000001"),
        ("https://x.com/someone/status/1790000000000000001/video/1", "x:1790000000000000001"),
        ("https://fxtwitter.com/someone/status/1790000000000000001", "x:1790000000000000001"),
        ("https://vxtwitter.com/someone/status/1790000000000000001", "x:1790000000000000001"),
        ("https://fixupx.com/someone/status/1790000000000000001?s=20", "x:1790000000000000001"),
        # TikTok
        (f"https://www.tiktok.com/@fan.account/video/{TIKTOK}", f"tiktok:{TIKTOK}"),
        (
            f"https://www.tiktok.com/@fan_1/video/{TIKTOK}?is_from_webapp=1&sender_device=pc",
            f"tiktok:{TIKTOK}",
        ),
        (f"https://tiktok.com/@fan/photo/{TIKTOK}?_r=1&_t=8abc", f"tiktok:{TIKTOK}"),
        (f"https://m.tiktok.com/v/{TIKTOK}.html", f"tiktok:{TIKTOK}"),
        (f"https://www.tiktok.com/embed/v2/{TIKTOK}", f"tiktok:{TIKTOK}"),
        # Instagram
        ("https://www.instagram.com/p/C1a2B3c4D5e/", "instagram:C1a2B3c4D5e"),
        ("https://instagram.com/reel/C1a2B3c4D5e/?igsh=abc", "instagram:C1a2B3c4D5e"),
        ("https://www.instagram.com/reels/C1a2B3c4D5e/", "instagram:C1a2B3c4D5e"),
        ("https://www.instagram.com/tv/C1a2B3c4D5e", "instagram:C1a2B3c4D5e"),
        ("https://www.instagram.com/some.fan/p/C1a2B3c4D5e/", "instagram:C1a2B3c4D5e"),
        ("https://www.instagram.com/some_fan/reel/C1a2B3c4D5e/", "instagram:C1a2B3c4D5e"),
        # Facebook
        ("https://www.facebook.com/watch/?v=1234567890", "facebook:1234567890"),
        ("https://m.facebook.com/watch?v=1234567890&ref=sharing", "facebook:1234567890"),
        ("https://www.facebook.com/video.php?v=1234567890", "facebook:1234567890"),
        ("https://www.facebook.com/SomePage/videos/1234567890/", "facebook:1234567890"),
        ("https://www.facebook.com/SomePage/videos/a-slug/1234567890", "facebook:1234567890"),
        ("https://web.facebook.com/reel/1234567890", "facebook:1234567890"),
        # Reddit
        ("https://www.reddit.com/r/kdramas/comments/1abc2d/some_title/", "reddit:1abc2d"),
        ("https://old.reddit.com/r/kdramas/comments/1abc2d", "reddit:1abc2d"),
        ("https://new.reddit.com/comments/1abc2d/", "reddit:1abc2d"),
        ("https://redd.it/1abc2d", "reddit:1abc2d"),
        # Bluesky
        (
            "https://bsky.app/profile/Fan.bsky.social/post/3kx7abcdefg2h",
            "bluesky:fan.bsky.social/3kx7abcdefg2h",
        ),
        (
            "https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx/post/3kx7abcdefg2h",
            "bluesky:did:plc:abcdefghijklmnopqrstuvwx/3kx7abcdefg2h",
        ),
        # Naver TV, news, entertainment and blogs
        ("https://tv.naver.com/v/41234567", "navertv:41234567"),
        ("https://m.tv.naver.com/v/41234567", "navertv:41234567"),
        ("https://tv.naver.com/embed/41234567?autoPlay=true", "navertv:41234567"),
        (f"https://n.news.naver.com/article/{NEWS}", f"navernews:{NEWS}"),
        (f"https://n.news.naver.com/mnews/article/{NEWS}?sid=106", f"navernews:{NEWS}"),
        (f"https://m.news.naver.com/article/{NEWS}", f"navernews:{NEWS}"),
        (f"https://n.news.naver.com/entertain/article/{NEWS}", f"navernews:{NEWS}"),
        (
            "https://news.naver.com/main/read.naver?mode=LSD&mid=sec&oid=108&aid=0003123456",
            f"navernews:{NEWS}",
        ),
        ("https://news.naver.com/main/read.nhn?oid=108&aid=0003123456", f"navernews:{NEWS}"),
        ("https://entertain.naver.com/read?oid=108&aid=0003123456", f"navernews:{NEWS}"),
        ("https://m.entertain.naver.com/read?oid=108&aid=0003123456", f"navernews:{NEWS}"),
        (f"https://m.entertain.naver.com/article/{NEWS}", f"navernews:{NEWS}"),
        ("https://blog.naver.com/fan_diary/223312345678", "naverblog:fan_diary/223312345678"),
        ("https://m.blog.naver.com/Fan_Diary/223312345678", "naverblog:fan_diary/223312345678"),
        (
            "https://blog.naver.com/PostView.naver?blogId=fan_diary&logNo=223312345678",
            "naverblog:fan_diary/223312345678",
        ),
        (
            "https://m.blog.naver.com/PostView.nhn?blogId=fan_diary&logNo=223312345678&navType=by",
            "naverblog:fan_diary/223312345678",
        ),
        # Daum, Kakao TV, Weverse, V LIVE
        ("https://v.daum.net/v/20231201093012345", "daum:20231201093012345"),
        ("https://m.v.daum.net/v/20231201093012345", "daum:20231201093012345"),
        ("https://tv.kakao.com/v/441234567", "kakaotv:441234567"),
        ("https://tv.kakao.com/channel/3712345/cliplink/441234567", "kakaotv:441234567"),
        ("https://play-tv.kakao.com/embed/player/cliplink/441234567", "kakaotv:441234567"),
        ("https://weverse.io/bts/live/0-123456789", "weverse:0-123456789"),
        ("https://weverse.io/newjeans/media/1-12345678", "weverse:1-12345678"),
        ("https://www.vlive.tv/video/123456", "vlive:123456"),
        ("http://m.vlive.tv/video/123456", "vlive:123456"),
    ],
)
def test_platform_link_is_keyed_by_its_content_id(url, key):
    assert link_key(url) == key


def test_http_and_https_are_one_link_on_other_sites():
    assert link_key("http://www.dispatch.co.kr/2291234?utm_source=x") == link_key(
        "https://www.dispatch.co.kr/2291234"
    )
    assert link_key("https://www.dispatch.co.kr/2291234") == "https://www.dispatch.co.kr/2291234"


def test_other_sites_keep_their_path_and_query():
    assert (
        link_key("https://theqoo.net/square/123?page=2") == "https://theqoo.net/square/123?page=2"
    )
    assert link_key("https://theqoo.net/square/124") != link_key("https://theqoo.net/square/123")


@pytest.mark.parametrize(
    "url",
    [
        "https://vm.tiktok.com/ZMabc123/",
        "https://vt.tiktok.com/ZSabc123/",
        "https://t.co/AbC123xyz",
        "https://bit.ly/3abcXYZ",
        "https://fb.watch/abcDEF123/",
        "https://www.facebook.com/share/v/1AbCdEf/",
        "https://www.reddit.com/r/kdramas/s/AbCdEf123",
        "https://naver.me/xAbCdEf",
    ],
)
def test_opaque_short_link_keeps_its_normalized_url_until_fetched(url):
    key = link_key(url)
    assert key.startswith("https://") and key == link_key(url.replace("https:", "http:"))


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&v=aaaaaaaaaaa",
        "https://www.youtube.com/embed/dQw4w9WgXc%51",
        "https://x.com/someone/status/12ab",
        "https://x.com/someone/status/" + "1" * 40,
        "https://x.com/a_name_much_too_long_for_x/status/123",
        "https://www.tiktok.com/@fan/video/123abc",
        "https://www.instagram.com/p/ab/",
        "https://www.instagram.com/p/C1a2B3c4D5e/extra",
        "https://www.facebook.com/watch?v=abc",
        "https://www.reddit.com/r/kdramas/comments/1abc2d/title/kx9c1d2",
        "https://news.naver.com/main/read.naver?oid=108",
        "https://n.news.naver.com/article/108/123",
        "https://blog.naver.com/PostView.naver?blogId=a%20b&logNo=1",
        "https://weverse.io/bts/live/abc",
        "https://www.vlive.tv/video/12a",
    ],
)
def test_junk_content_id_falls_back_to_the_normalized_url(url):
    assert link_key(url).startswith("https://")


def test_a_platform_on_another_port_is_not_the_platform():
    assert link_key(f"https://www.youtube.com:8443/watch?v={YT}") == (
        f"https://www.youtube.com:8443/watch?v={YT}"
    )
    assert link_key(f"https://www.youtube.com:443/watch?v={YT}") == f"youtube:{YT}"


def test_userinfo_does_not_decide_the_platform():
    assert link_key(f"https://fan@www.youtube.com/watch?v={YT}") == f"youtube:{YT}"
    assert link_key(f"https://www.youtube.com@evil.example/watch?v={YT}").startswith(
        "https://evil.example/"
    )


def test_international_host_names_are_keyed_in_punycode():
    assert link_key("https://연예.한국/기사/1") == link_key(
        "https://xn--ej5bub.xn--3e0b707e/기사/1"
    )
    assert link_key("https://연예.한국/기사/1").startswith("https://xn--ej5bub.xn--3e0b707e/")


def test_keys_are_bounded_in_length_however_long_the_link():
    long_ascii = "https://example.org/" + "a" * 1990
    long_hangul = "https://example.org/" + "가" * 1990
    for url in (long_ascii, long_hangul):
        key = link_key(url)
        assert len(key) <= LINK_KEY_MAX_LENGTH and key.startswith("sha256:")
    assert link_key(long_ascii) != link_key(long_hangul)
    assert link_key(long_ascii) == link_key(long_ascii.replace("https:", "http:"))


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a link",
        "ftp://example.org/x",
        "https://",
        "http://[::1/",
        "https://a:b/",
        "https://x.com\x00/i/status/1",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ\x1b",
    ],
)
def test_what_is_not_a_link_is_refused(url):
    with pytest.raises(InvalidURL):
        link_key(url)
