"""Security headers and host checks on real responses from the site under production settings."""

import pytest

from rumors.tests.factories import RumorFactory


@pytest.fixture
def server(start_web_server):
    return start_web_server()


def test_https_pages_carry_every_security_header(server):
    status, headers, _ = server.request("/en/")
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_content_security_policy_allows_only_this_site(server):
    _, headers, _ = server.request("/en/")
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in headers["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_pages_have_no_inline_styles_or_scripts_the_policy_would_block(server):
    rumor = RumorFactory(verdict="ai_generated")
    for path in ("/en/", rumor.get_absolute_url(), "/en/accounts/login/"):
        status, _, body = server.request(path)
        assert status == 200, path
        assert "style=" not in body, path
        assert "<script>" not in body, path


def test_error_pages_carry_the_headers_too(server):
    status, headers, _ = server.request("/en/rumors/999999/")
    assert status == 404
    assert "Content-Security-Policy" in headers
    assert headers["X-Frame-Options"] == "DENY"


def test_static_files_carry_the_headers_too(server):
    status, headers, _ = server.request("/static/css/site.css")
    assert status == 200
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_plain_http_is_redirected_to_https_without_hsts(server):
    status, headers, _ = server.request("/", https=False)
    assert status == 301
    assert headers["Location"] == "https://jinjja.example/"
    assert "Strict-Transport-Security" not in headers


def test_forged_host_header_gets_400(server):
    status, _, _ = server.request("/", host="evil.example")
    assert status == 400
    status, _, _ = server.request("/", host="jinjja.example.evil.example")
    assert status == 400


def test_session_and_csrf_cookies_are_secure_and_http_only(server):
    _, headers, _ = server.request("/en/accounts/login/")
    cookie = headers["Set-Cookie"]
    assert "csrftoken=" in cookie
    assert "Secure" in cookie
    assert "SameSite=Lax" in cookie
