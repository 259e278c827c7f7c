"""Screenshots of the main pages at phone and desktop widths, on the demo data, saved under
var/screenshots/ for people to look at; the test checks that nothing overflows sideways."""

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.models import User
from rumors.models import Rumor
from rumors.services.sensitivity import source_set_sensitive

pytestmark = pytest.mark.browser

WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.mark.parametrize("device", WIDTHS)
def test_home_and_rumor_pages_fit_the_screen_and_are_saved(browser, live_server, device):
    call_command("seed_demo")
    rumor = Rumor.objects.get(people__slug="park-seo-joon", works__slug="itaewon-class")
    sensitive = Rumor.objects.get(people__slug="song-hye-kyo")
    source_set_sensitive(
        source_id=sensitive.sources.get().pk,
        user=User.objects.filter(is_moderator=True).first(),
        sensitive=True,
    )
    pages = {
        "home": "/en/",
        "rumor": rumor.get_absolute_url(),
        "rumor-sensitive": sensitive.get_absolute_url(),
    }
    folder = settings.VAR_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": WIDTHS[device], "height": 900}
    )
    page = context.new_page()
    for name, url in pages.items():
        page.goto(url)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} is {overflow}px wider than a {device} screen"
        page.screenshot(path=folder / f"{name}-{device}.png", full_page=True)
        assert (folder / f"{name}-{device}.png").stat().st_size > 10_000
    context.close()
