"""A member submits a clip; whoever pastes it again under another address sees, under the link
field, the rumor's title linked and its verdict badge, in English or Korean."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from rumors.models import Rumor
from rumors.tests.test_browser_visitor_submits import sign_up

pytestmark = pytest.mark.browser

YT = "dQw4w9WgXcQ"
VARIANTS = [
    f"https://www.youtube.com/embed/{YT}",
    f"http://youtube.com/live/{YT}?feature=share",
    f"https://m.youtube.com/shorts/{YT}?si=abc",
]


def submit(page, url: str) -> None:
    page.goto("/en/submit/")
    page.get_by_label("Link").fill(url)
    page.get_by_label("Title:", exact=True).fill("Airport fight clip")
    page.get_by_label("What does it claim?").fill("The two leads fought at Incheon.")
    page.get_by_role("button", name="Submit", exact=True).click()


def test_variants_of_a_submitted_clip_are_announced_with_title_and_verdict(page):
    sign_up(page, "firstfan")
    submit(page, f"https://www.youtube.com/watch?v={YT}&t=42s")
    expect(page.get_by_role("heading", level=1)).to_have_text("Airport fight clip")
    rumor = Rumor.objects.get()
    Rumor.objects.filter(pk=rumor.pk).update(verdict="false", status=Rumor.Status.RESOLVED)

    page.context.clear_cookies()
    sign_up(page, "secondfan")
    page.goto("/en/submit/")
    # Under the link field, not at the foot of the form.
    notice = page.locator(".field:has(input[name=url]) #duplicate-notice")
    for url in VARIANTS:
        page.get_by_label("Link").fill(url)
        expect(notice.get_by_role("link", name="Airport fight clip")).to_be_visible()
        expect(notice.locator(".badge-verdict-false")).to_have_text("False")
        page.get_by_label("Link").fill("https://example.org/")
        expect(notice).to_be_empty()

    # Submitted anyway (the notice is only a help): the form leads to the existing rumor.
    submit(page, VARIANTS[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Airport fight clip")
    assert page.url.endswith(rumor.get_absolute_url())
    assert Rumor.objects.count() == 1


def test_the_announcement_is_in_korean_for_a_korean_reader(browser, live_server, client):
    user = UserFactory()
    client.force_login(user)
    client.post(
        "/en/submit/",
        {"url": f"https://youtu.be/{YT}", "title": "공항 싸움 영상", "claim": "두 주연이 다퉜다."},
    )
    # A browser that asks for Korean (Accept-Language) gets the site in Korean.
    context = browser.new_context(base_url=live_server.url, locale="ko-KR")
    page = context.new_page()
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto("/submit/")  # the browser's language picks the page's
    page.get_by_label("링크").fill(VARIANTS[1])
    notice = page.locator("#duplicate-notice")
    expect(notice).to_contain_text("이미 제출된 링크입니다:")
    expect(notice.get_by_role("link", name="공항 싸움 영상")).to_be_visible()
    expect(notice.locator(".badge")).to_have_text("제출됨")
    context.close()
