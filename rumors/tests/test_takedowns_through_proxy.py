"""Takedowns beat the shared cache: through the shipped nginx configuration, a verdict, a hold
and a hide show within CACHE_S_MAXAGE plus a second of their commit, and a withheld
thumbnail answers 404 at once (config/shared_cache.py, deploy/nginx/jinjja.conf)."""

import time

import pytest
from django.conf import settings

from accounts.tests.factories import ModeratorFactory
from rumors.services.reports import report_submit
from rumors.services.takedown import rumor_hold
from rumors.tests.factories import RumorFactory, reach_verdict
from rumors.tests.reporting import ADDRESS, make_reported

# The page cache of the app itself keys pages by a stamp kept in the cache, which gunicorn and
# the test share only through Redis.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]

S_MAXAGE = 2


@pytest.fixture
def site(start_proxy):
    site = start_proxy(CACHE_S_MAXAGE=str(S_MAXAGE), CACHE_STALE_WHILE_REVALIDATE="2")
    # A new gunicorn compiles each template at its first use: render the pages these tests wait
    # for once, straight from gunicorn, so that the timings are the cache's, not the compiler's.
    held = RumorFactory(title="Warm-up hold", verdict="ai_generated", status="resolved")
    rumor_hold(user=ModeratorFactory(), rumor=held, reason="Warm-up.")
    resolved = RumorFactory(title="Warm-up verdict", verdict="ai_generated", status="resolved")
    for path in (held.get_absolute_url(), resolved.get_absolute_url()):
        site.web.request(path)
    return site


def kept(site, path: str) -> str:
    """Read the page until the proxy answers it from its cache; returns the body."""
    site.request(path)
    status, headers, body = site.request(path)
    assert status == 200 and headers["X-Cache-Status"] == "HIT", (status, dict(headers))
    return body


def seconds_until(site, path: str, shows) -> float:
    """Poll the page through the proxy every 50 ms until shows(status, body); how long it took."""
    began = time.monotonic()
    while time.monotonic() - began < S_MAXAGE + 10:
        status, _, body = site.request(path)
        if shows(status, body):
            return time.monotonic() - began
        time.sleep(0.05)
    pytest.fail(f"{path} did not change through the proxy within {S_MAXAGE + 10} s")


def test_a_verdict_shows_through_the_proxy_within_the_lifetime(site):
    rumor = RumorFactory(title="Off-screen kiss clip")
    path = rumor.get_absolute_url()
    assert "No verdict yet." in kept(site, path)
    reach_verdict(rumor)
    took = seconds_until(site, path, lambda status, body: "No verdict yet." not in body)
    assert took <= S_MAXAGE + 1
    assert "AI-generated" in site.request(path)[2]


def test_an_open_page_that_updates_itself_gets_the_verdict_through_the_proxy(site):
    """What static/js/site.js does: poll status.json with its ETag, and once it changes fetch
    the page at an address carrying the new ETag, which no cache holds from before."""
    rumor = RumorFactory(title="Airport hug clip")
    path = rumor.get_absolute_url()
    status_path = f"/en/rumors/{rumor.pk}/status.json"
    kept(site, path)
    etag = site.request(status_path)[1]["ETag"]
    reach_verdict(rumor)
    # The page as kept from before the verdict, while status.json already tells of a change.
    seconds_until(site, status_path, lambda status, body: '"verdict": "ai_generated"' in body)
    new_etag = site.request(status_path)[1]["ETag"]
    assert new_etag != etag
    live = f"{path}?live={''.join(c for c in new_etag if c.isalnum())}"
    status, headers, body = site.request(live)
    assert status == 200 and "AI-generated" in body and "No verdict yet." not in body


def test_a_hold_shows_through_the_proxy_within_the_lifetime(site):
    rumor = RumorFactory(title="Defamatory dating claim")
    path = rumor.get_absolute_url()
    kept(site, path)
    rumor_hold(user=ModeratorFactory(), rumor=rumor, reason="Defamation report 12.")
    took = seconds_until(site, path, lambda status, body: status == 451)
    assert took <= S_MAXAGE + 1
    status, headers, body = site.request(path)
    assert status == 451 and "Defamatory dating claim" not in body
    # The notice itself is kept, so that it replaces the page for every reader of the spike.
    assert headers["Cache-Control"].startswith("public")


def test_a_hidden_thumbnail_is_gone_at_once_and_its_page_within_the_lifetime(site):
    reported = make_reported(settings.MEDIA_ROOT)
    path = reported.rumor.get_absolute_url()
    assert "intimate-s.png" in kept(site, path)
    for name in reported.files:
        assert site.request(f"/media/{name}")[0] == 200, name
    report_submit(category="sexual_deepfake", address=ADDRESS, url=reported.page_url)
    for name in reported.files:
        assert site.request(f"/media/{name}")[0] == 404, name
    took = seconds_until(site, path, lambda status, body: "intimate-s.png" not in body)
    assert took <= S_MAXAGE + 1
