"""The shipped reverse proxy (deploy/nginx/jinjja.conf) in Debian's nginx, in front of the site
under gunicorn with production settings: what it keeps, for whom, and what it never keeps."""

import re

import pytest
from django.test import Client

from accounts.tests.factories import UserFactory
from config.testsupport import http_request, wait_for
from rumors import heldmedia
from rumors.tests.factories import RumorFactory
from rumors.tests.reporting import PNG

pytestmark = pytest.mark.django_db(transaction=True)

SHARED = "public, max-age=0, s-maxage=30, stale-while-revalidate=30, stale-if-error=300"


@pytest.fixture
def site(start_proxy):
    return start_proxy(
        CACHE_MAX_AGE="0",
        CACHE_S_MAXAGE="30",
        CACHE_STALE_WHILE_REVALIDATE="30",
        CACHE_STALE_IF_ERROR="300",
    )


def policy(headers) -> dict[str, str]:
    """The Content-Security-Policy's directives (django-csp does not keep their order)."""
    directives = headers["Content-Security-Policy"].split(";")
    return dict(directive.strip().split(" ", 1) for directive in directives)


def cache_status(headers) -> str:
    return headers.get("X-Cache-Status", "")


def test_an_anonymous_page_is_kept_and_answered_by_the_proxy(site):
    rumor = RumorFactory(title="Airport kiss clip")
    path = rumor.get_absolute_url()
    status, first, body = site.request(path)
    assert status == 200 and "Airport kiss clip" in body
    assert first.get_all("Cache-Control") == [SHARED]
    assert "Set-Cookie" not in first
    assert cache_status(first) == "MISS"
    status, second, again = site.request(path)
    assert status == 200 and cache_status(second) == "HIT" and again == body


def test_a_member_never_gets_the_anonymous_copy_nor_leaves_theirs(site):
    member = UserFactory(username="dami_fan_77")
    browser = Client()
    browser.force_login(member)
    session = browser.cookies["sessionid"].value
    rumor = RumorFactory(title="Wedding photo")
    path = rumor.get_absolute_url()

    site.request(path)
    assert cache_status(site.request(path)[1]) == "HIT"
    status, headers, body = site.member_request(path, session)
    assert status == 200 and "dami_fan_77" in body
    assert cache_status(headers) == "BYPASS"
    assert headers["Cache-Control"].startswith("private")
    # Nor was the member's page stored for the next anonymous reader.
    status, headers, body = site.request(path)
    assert cache_status(headers) == "HIT" and "dami_fan_77" not in body
    # A member's first visit to an address nobody read yet is not kept either.
    other = RumorFactory(title="Drama set photo").get_absolute_url()
    assert "dami_fan_77" in site.member_request(other, session)[2]
    status, headers, body = site.request(other)
    assert cache_status(headers) == "MISS" and "dami_fan_77" not in body


def test_an_api_token_goes_past_the_cache(site):
    site.request("/api/v1/rumors/")
    assert cache_status(site.request("/api/v1/rumors/")[1]) == "HIT"
    status, headers, _ = site.request("/api/v1/rumors/", Authorization="Token not-a-real-one")
    assert status == 401 and cache_status(headers) == "BYPASS"


def test_every_other_method_reaches_the_app(site):
    for _ in range(2):
        status, headers, _ = site.request(
            "/api/v1/rumors/", method="POST", body=b"{}", Content_Type="application/json"
        )
        assert status == 401 and cache_status(headers) in ("", "BYPASS")


def test_forms_for_one_reader_are_never_kept(site):
    for _ in range(2):
        status, headers, body = site.request("/en/accounts/login/")
        assert status == 200 and "csrfmiddlewaretoken" in body
        control = {part.strip() for part in headers["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= control
        assert cache_status(headers) == "MISS"


def test_a_kept_page_is_served_while_the_app_is_down(site):
    rumor = RumorFactory(title="Teaser leak")
    path = rumor.get_absolute_url()
    site.request(path)
    site.web.proc.terminate()
    site.web.proc.wait(20)
    status, headers, body = site.request(path)
    assert status == 200 and "Teaser leak" in body
    assert cache_status(headers) in ("HIT", "STALE")
    assert site.request("/en/rumors/")[0] == 502


def test_static_files_come_from_nginx_with_the_apps_security_headers(site):
    _, page, body = site.request("/en/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body).group(1)
    status, headers, css = site.request(stylesheet)
    assert status == 200 and "body" in css
    assert "X-Cache-Status" not in headers  # not proxied: nginx read it from STATIC_ROOT
    assert policy(headers) == policy(page)
    for name in (
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Strict-Transport-Security",
    ):
        assert headers[name] == page[name], name
    assert headers.get_all("Cache-Control") == ["max-age=31536000"]


def test_media_is_checked_by_the_app_at_every_request(site, settings):
    name = "thumbs/teaser.png"
    (settings.MEDIA_ROOT / "thumbs").mkdir()
    (settings.MEDIA_ROOT / name).write_bytes(PNG)
    status, headers, _ = site.request(f"/media/{name}")
    assert status == 200
    assert headers["Content-Type"] == "image/png"
    assert headers.get_all("Cache-Control") == ["no-cache"]
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
    assert "X-Accel-Redirect" not in headers and "X-Cache-Status" not in headers
    raw = http_request(site.nginx.port, f"/media/{name}")
    assert raw[0] == 200
    # Withheld (the file leaves MEDIA_ROOT): 404 through the proxy at the very next request.
    heldmedia.hold(name)
    assert site.request(f"/media/{name}")[0] == 404
    heldmedia.release(name)
    assert site.request(f"/media/{name}")[0] == 200
    # The internal location cannot be asked for directly, nor a path outside MEDIA_ROOT.
    assert site.request(f"/_protected-media/{name}")[0] == 404
    assert site.request("/media/../config/settings.py")[0] in (400, 404)
    assert site.request("/media/%2e%2e/config/settings.py")[0] in (400, 404)


def test_no_stale_media_is_ever_served(site, settings):
    name = "thumbs/gone.png"
    (settings.MEDIA_ROOT / "thumbs").mkdir()
    (settings.MEDIA_ROOT / name).write_bytes(PNG)
    assert site.request(f"/media/{name}")[0] == 200
    site.web.proc.terminate()
    site.web.proc.wait(20)
    wait_for(lambda: site.request(f"/media/{name}")[0] == 502, timeout=10)
