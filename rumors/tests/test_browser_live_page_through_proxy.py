"""Behind the shared cache (the shipped nginx configuration), an open rumor page still shows the
verdict once moderators reach it, without a reload: the rendering it fetches after status.json
changed is never the copy the proxy kept from before. In Chromium; the screenshot is saved under
var/screenshots/ for people to look at."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from rumors.tests.factories import RumorFactory, reach_verdict

pytestmark = [pytest.mark.browser, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_an_open_page_behind_the_proxy_shows_the_verdict(browser, start_proxy):
    site = start_proxy(
        CACHE_S_MAXAGE="2",
        CACHE_STALE_WHILE_REVALIDATE="10",
        LIVE_POLL_SECONDS="1",
        ALLOWED_HOSTS="jinjja.example,127.0.0.1",
    )
    rumor = RumorFactory(title="Off-screen kiss clip")
    path = rumor.get_absolute_url()
    context = browser.new_context(base_url=site.nginx.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(path)
    expect(page.get_by_role("region", name="Verdict")).to_contain_text("No verdict yet.")
    assert site.request(path, host=f"127.0.0.1:{site.nginx.port}")[1]["X-Cache-Status"] == "HIT"

    reach_verdict(rumor)

    expect(page.get_by_role("region", name="Verdict").locator(".verdict-now")).to_contain_text(
        "AI-generated", timeout=20_000
    )
    folder = settings.VAR_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / "live-verdict-through-proxy.png")
    context.close()
