"""Links chosen by strangers must never make the site reach its own network: every spelling of
an internal address is refused before a connection is made, the whole fetch is refused if any
resolved address is internal, and the connection goes to the address that was checked."""

import socket

import pytest

from rumors.fetchers import http
from rumors.models import Source, TimelineEvent
from rumors.services.sources import source_fetch
from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.tests.webserver import TestSite

INTERNAL_URLS = [
    "http://127.0.0.1/",
    "http://localhost:8000/admin/",
    "http://[::1]/",
    "http://0.0.0.0/",
    "http://10.0.0.5/",
    "http://172.16.3.4/",
    "http://192.168.1.1/router",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://100.64.1.1/",  # carrier-grade NAT
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
    "http://[::ffff:7f00:1]/",
    "http://[fe80::1]/",  # link-local
    "http://[fc00::1]/",  # unique local
    "http://[64:ff9b::7f00:1]/",  # NAT64 spelling of 127.0.0.1
    "http://[2002:7f00:1::]/",  # 6to4 spelling of 127.0.0.1
    "http://2130706433/",  # decimal 127.0.0.1
    "http://0x7f000001/",  # hex
    "http://0177.0.0.1/",  # octal
    "http://127.1/",  # short form
    "http://0x7f.0.0.1/",
    "http://redis/",  # bare single-label name
    "http://redis:6379/",
    "http://printer.local/",
    "ftp://example.com/file",
    "file:///etc/passwd",
    "gopher://example.com:70/",
    "http://user:secret@example.com/",
]


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_internal_address_spellings_are_refused(url):
    with http.Fetcher() as fetcher, pytest.raises(http.FetchRefused):
        fetcher.get(url, accept=http.HTML_TYPES, max_bytes=1024)


@pytest.fixture
def fake_dns(monkeypatch):
    """Answers for made-up host names; every other name resolves as usual."""
    answers: dict[str, list[list[str]]] = {}
    lookups: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            lookups.append(host)
            queue = answers[host]
            ips = queue.pop(0) if len(queue) > 1 else queue[0]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in ips]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers, lookups


def test_any_internal_address_among_several_refuses_the_whole_fetch(fake_dns):
    answers, _ = fake_dns
    answers["mixed.example.com"] = [["127.0.0.1", "10.1.2.3"]]
    with http.Fetcher() as fetcher, pytest.raises(http.FetchRefused, match="not on the public"):
        fetcher.get("http://mixed.example.com/", accept=http.HTML_TYPES, max_bytes=1024)


def test_connection_goes_to_the_checked_address_not_a_second_lookup(fake_dns, settings):
    """DNS rebinding: the first answer is checked; a later answer must never be used."""
    answers, lookups = fake_dns
    evil = TestSite(host="127.0.0.3")
    try:
        good = TestSite(host="127.0.0.1", port=evil.port)
    except OSError:
        evil.close()
        pytest.skip("could not bind the same port on two loopback addresses")
    try:
        good.add("/", "<title>checked</title>")
        evil.add("/", "<title>rebound</title>")
        answers["rebind.example.com"] = [["127.0.0.1"], ["127.0.0.3"]]
        settings.FETCH_ALLOW_HOSTS = [f"rebind.example.com:{good.port}"]
        with http.Fetcher() as fetcher:
            response = fetcher.get(
                f"http://rebind.example.com:{good.port}/", accept=http.HTML_TYPES, max_bytes=1024
            )
        assert response.content == b"<title>checked</title>"
        assert lookups == ["rebind.example.com"]
        assert evil.hits["/"] == 0
    finally:
        good.close()
        evil.close()


@pytest.mark.django_db
def test_redirect_to_internal_address_is_refused_and_recorded_without_retry(site):
    site.add("/share", status=302, headers={"Location": "http://169.254.169.254/latest/"})
    rumor = RumorFactory(with_source=SourceFactory(url=site.url("/share")))
    source = rumor.sources.get()

    source_fetch(source_id=source.pk)

    source.refresh_from_db()
    assert source.fetch_state == Source.State.REFUSED
    assert "169.254.169.254" in source.last_error
    assert source.attempts == 1
    assert source.next_attempt_at is None
    event = rumor.events.get(kind=TimelineEvent.Kind.SOURCE_FAILED)
    assert "169.254.169.254" in event.data["error"]


@pytest.mark.django_db
def test_redirect_to_another_port_on_an_allowed_host_is_refused(site):
    site.add("/go", status=301, headers={"Location": "http://127.0.0.1:6379/"})
    with http.Fetcher() as fetcher, pytest.raises(http.FetchRefused):
        fetcher.get(site.url("/go"), accept=http.HTML_TYPES, max_bytes=1024)


def test_environment_proxies_are_not_used(site, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9/")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9/")
    site.add("/", "<title>direct</title>")
    with http.Fetcher() as fetcher:
        response = fetcher.get(site.url("/"), accept=http.HTML_TYPES, max_bytes=1024)
    assert response.content == b"<title>direct</title>"
