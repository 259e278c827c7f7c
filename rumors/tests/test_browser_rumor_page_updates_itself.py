"""An open rumor page shows the verdict once moderators reach it, in a real browser, without
a reload: it polls status.json and swaps in the parts that changed."""

import pytest
from playwright.sync_api import expect

from rumors.tests.factories import RumorFactory, reach_verdict

pytestmark = pytest.mark.browser


def test_the_verdict_appears_without_a_reload(page, settings):
    settings.LIVE_POLL_SECONDS = 1
    rumor = RumorFactory(title="Off-screen kiss clip")
    page.goto(rumor.get_absolute_url())
    verdict_box = page.get_by_role("region", name="Verdict")
    expect(verdict_box).to_contain_text("No verdict yet.")
    page.evaluate("window.stillTheSamePage = true")

    reach_verdict(rumor)

    expect(page.get_by_role("region", name="Verdict").locator(".verdict-now")).to_contain_text(
        "AI-generated", timeout=15_000
    )
    expect(page.locator("[data-live=timeline]")).to_contain_text("Verdict reached")
    assert page.evaluate("window.stillTheSamePage") is True
