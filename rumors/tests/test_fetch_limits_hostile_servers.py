"""Servers that misbehave, on purpose or not: bodies that never end or explode when decompressed,
drips that never finish, redirect loops, wrong content types, broken HTML and encodings."""

import gzip
import time
import zlib

import pytest

from rumors.fetchers import http
from rumors.fetchers.metadata import read_page


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.FETCH_MAX_HTML_BYTES = 256 * 1024
    settings.FETCH_DEADLINE = 2.0


def get(url, accept=http.HTML_TYPES, max_bytes=256 * 1024):
    with http.Fetcher() as fetcher:
        return fetcher.get(url, accept=accept, max_bytes=max_bytes)


def endless(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(100_000):  # bounded: about 800 MB if nothing stopped it
            handler.wfile.write(b"<p>spam</p>" * 700)
    except (BrokenPipeError, ConnectionResetError):
        pass


def drip_body(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(60):
            handler.wfile.write(b"<")
            handler.wfile.flush()
            time.sleep(0.3)
    except (BrokenPipeError, ConnectionResetError):
        pass


def drip_headers(handler):
    try:
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 60:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.3)
    except (BrokenPipeError, ConnectionResetError):
        pass


def hang_up(handler):
    handler.wfile.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"
    )
    handler.wfile.write(b"<html><title>cut")
    handler.wfile.flush()
    handler.close_connection = True


def test_endless_body_stops_at_the_cap(site):
    site.add("/endless", handler=endless)
    with pytest.raises(http.FetchError, match="larger than 256 KiB") as exc:
        get(site.url("/endless"))
    assert not exc.value.transient


def test_declared_oversized_body_is_refused(site):
    site.add("/big", b"<p>" + b"x" * 400_000)
    with pytest.raises(http.FetchError, match="larger than"):
        get(site.url("/big"))


def test_gzip_bomb_stops_early_on_decompressed_size(site):
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # 64 MiB in ~64 KiB
    site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(http.FetchError, match="larger than 256 KiB"):
        get(site.url("/bomb"))


def test_deflate_body_is_decoded(site):
    site.add(
        "/deflate",
        zlib.compress(b"<title>deflated</title>"),
        headers={"Content-Encoding": "deflate"},
    )
    assert get(site.url("/deflate")).content == b"<title>deflated</title>"


def test_corrupt_gzip_is_an_error(site):
    site.add("/corrupt", b"\x1f\x8b\x08\x00garbage-garbage", headers={"Content-Encoding": "gzip"})
    with pytest.raises(http.FetchError, match="corrupt"):
        get(site.url("/corrupt"))


def test_unknown_content_encoding_is_refused(site):
    site.add("/br", b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"})
    with pytest.raises(http.FetchError, match="unsupported content encoding"):
        get(site.url("/br"))


def test_slow_drip_body_is_cut_off_at_the_deadline(site):
    site.add("/drip", handler=drip_body)
    started = time.monotonic()
    with pytest.raises(http.FetchTransient, match="did not answer in time"):
        get(site.url("/drip"))
    assert time.monotonic() - started < 10  # the drip alone would last 18 s


def test_slow_drip_headers_are_cut_off_at_the_deadline(site):
    site.add("/drip-headers", handler=drip_headers)
    started = time.monotonic()
    with pytest.raises(http.FetchTransient):
        get(site.url("/drip-headers"))
    assert time.monotonic() - started < 10


def test_connection_closed_mid_body_is_transient(site):
    site.add("/hangup", handler=hang_up)
    with pytest.raises(http.FetchTransient):
        get(site.url("/hangup"))


def test_redirect_loop_gives_up_after_five_hops(site):
    for n in range(10):
        site.add(f"/r{n}", status=302, headers={"Location": f"/r{n + 1}"})
    with pytest.raises(http.FetchError, match="Too many redirects"):
        get(site.url("/r0"))
    assert site.hits["/r5"] == 1 and site.hits["/r6"] == 0


def test_five_redirects_are_followed_to_the_page(site):
    for n in range(5):
        site.add(f"/hop{n}", status=307, headers={"Location": site.url(f"/hop{n + 1}")})
    site.add("/hop5", "<title>arrived</title>")
    response = get(site.url("/hop0"))
    assert response.url == site.url("/hop5")
    assert len(response.redirects) == 5


def test_redirect_without_location_is_an_error(site):
    site.add("/nowhere", status=302)
    with pytest.raises(http.FetchError, match="without a Location"):
        get(site.url("/nowhere"))


@pytest.mark.parametrize(
    "content_type", ["application/octet-stream", "video/mp4", "image/svg+xml", ""]
)
def test_page_with_wrong_content_type_is_refused(site, content_type):
    site.add("/file", b"<title>x</title>", content_type=content_type)
    with pytest.raises(http.FetchError, match="Expected text/html"):
        get(site.url("/file"))


def test_server_errors_are_transient_and_client_errors_are_not(site):
    site.add("/503", status=503, headers={"Retry-After": "120"})
    site.add("/403", status=403)
    site.add("/410", status=410)
    with pytest.raises(http.FetchTransient) as exc:
        get(site.url("/503"))
    assert exc.value.retry_after == 120
    with pytest.raises(http.FetchError) as exc:
        get(site.url("/403"))
    assert not exc.value.transient
    with pytest.raises(http.FetchGone):
        get(site.url("/410"))


def test_broken_html_still_gives_its_title(site):
    broken = (
        b"<html><head><title>Half a page</title><meta property='og:description' content='unclosed"
    )
    broken += b"\xff\xfe\x00<div><div><table><tr><td>" * 50
    site.add("/broken", broken)
    response = get(site.url("/broken"))
    page = read_page(response.content, url=response.url, charset=response.charset)
    assert page.title == "Half a page"


def test_lying_charset_header_falls_back_to_the_page_declaration(site):
    body = '<html><head><meta charset="euc-kr"><title>박서준 열애설</title></head></html>'
    site.add("/kr", body.encode("euc-kr"), content_type="text/html; charset=utf-8")
    response = get(site.url("/kr"))
    page = read_page(response.content, url=response.url, charset=response.charset)
    assert page.title == "박서준 열애설"


def test_requests_name_the_site_in_the_user_agent(site, settings):
    site.add("/ua", "<title>ua</title>")
    get(site.url("/ua"))
    assert site.user_agents == [settings.FETCH_USER_AGENT]
    assert "Jinjja" in settings.FETCH_USER_AGENT
