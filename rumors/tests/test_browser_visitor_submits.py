import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from config.testsupport import wait_for
from rumors.models import Rumor, Source
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory

pytestmark = pytest.mark.browser

CLIP_PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8">
<meta property="og:title" content="김다미 공항 목격 영상">
<meta property="og:site_name" content="K-Buzz">
<meta property="og:image" content="/frame.jpg">
</head><body>clip</body></html>"""


def sign_up(page, username: str) -> None:
    page.goto("/en/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill("a-long-fan-password-42")
    page.get_by_label(re.compile("^Password confirmation")).fill("a-long-fan-password-42")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text(f"Welcome to Jinjja, {username}.")).to_be_visible()


def test_new_visitor_signs_up_submits_a_link_and_sees_it_fetched(
    page,
    site,
    start_celery_worker,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    clip_url = site.add("/video/777", CLIP_PAGE)
    site.add_image("/frame.jpg", "viral-clip-frame.jpg")
    start_celery_worker(
        FETCH_ALLOW_HOSTS=",".join(settings.FETCH_ALLOW_HOSTS), MEDIA_ROOT=str(settings.MEDIA_ROOT)
    )
    PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    sign_up(page, "newfan")
    page.get_by_role("link", name="Submit a link").click()
    page.get_by_label("Link").fill(clip_url)
    page.get_by_label("Title:", exact=True).fill("Kim Da-mi airport clip")
    page.get_by_label("What does it claim?").fill("She was seen at the airport with a co-star.")
    # The actor field suggests existing people as one types, in either script.
    page.get_by_label("Find an actor by name").fill("다미")
    page.get_by_role("button", name="Kim Da-mi (김다미)").click()
    expect(page.get_by_label("Actors involved")).to_have_values(["kim-da-mi"])
    page.get_by_role("button", name="Submit", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kim Da-mi airport clip")
    expect(page.get_by_text("Your link is saved and is being fetched.")).to_be_visible()
    rumor = Rumor.objects.get(title="Kim Da-mi airport clip")
    assert page.url.endswith(rumor.get_absolute_url())
    assert [p.slug for p in rumor.people.all()] == ["kim-da-mi"]
    source = rumor.sources.get()
    wait_for(
        lambda: Source.objects.filter(pk=source.pk, fetch_state=Source.State.FETCHED).exists(),
        timeout=60,
        message="the worker did not fetch the submitted link",
    )
    page.reload()
    card = page.locator(f"#source-{source.pk}")
    expect(card.locator(".state")).to_have_text("Fetched")
    expect(card.get_by_role("heading")).to_have_text("김다미 공항 목격 영상")
    thumbnail = card.locator("img.source-thumb")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth > 0")


def test_member_pasting_a_known_link_is_led_to_the_existing_rumor(page):
    source = SourceFactory(url="https://www.youtube.com/watch?v=kiss123")
    existing = RumorFactory(title="The famous kiss clip", with_source=source)
    sign_up(page, "secondfan")
    page.goto("/en/submit/")
    page.get_by_label("Link").fill("https://youtu.be/kiss123?si=shared")
    notice = page.get_by_role("link", name="The famous kiss clip")
    expect(notice).to_be_visible()
    notice.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The famous kiss clip")
    assert page.url.endswith(existing.get_absolute_url())
    assert Rumor.objects.count() == 1
