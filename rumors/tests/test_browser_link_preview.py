"""A new reader pastes a debunked fake's link where previews are drawn from og:* tags, in
English and in Korean: the preview shows the verdict's card, never the fake's frame. A forum
that speaks oEmbed embeds the verdict widget, while the rumor page itself refuses to be framed.
Screenshots are saved under var/screenshots/ for people to look at."""

import html
import json
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from playwright.sync_api import expect

from config.languages import unprefixed
from rumors.tests.cardsupport import frame_pixels, save_frame
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.browser

WORDS = {"en": "AI-generated", "ko": "AI 생성"}


class OpenGraph(HTMLParser):
    """What a platform's link unfurler reads: the page's og:* tags."""

    def __init__(self):
        super().__init__()
        self.tags = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("property", "").startswith("og:"):
            self.tags[attrs["property"]] = attrs.get("content", "")


def fetch(url: str, lang: str) -> str:
    request = urllib.request.Request(url, headers={"Accept-Language": lang})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def preview_page(tags: dict) -> str:
    """The smallest link-preview renderer: a chat bubble with the pasted link's image, site
    name, title and description, as messengers draw them."""
    e = {key: html.escape(value) for key, value in tags.items()}
    return f"""<!doctype html><meta charset="utf-8">
    <body style="font-family:sans-serif;margin:24px">
    <p>Look at this!! {e["og:url"]}</p>
    <a class="preview" href="{e["og:url"]}" style="display:block;width:600px;border:1px solid #ccc;
      border-radius:12px;overflow:hidden;color:inherit;text-decoration:none">
      <img src="{e["og:image"]}" width="600" height="315" style="display:block">
      <div style="padding:8px 12px"><small>{e["og:site_name"]}</small>
      <h3 style="margin:4px 0">{e["og:title"]}</h3>
      <p style="margin:0">{e["og:description"]}</p></div>
    </a></body>"""


@pytest.fixture
def debunked(live_server, settings):
    settings.SITE_URL = live_server.url
    frame = save_frame()
    source = SourceFactory(title="Leaked kiss clip", fetch_state="fetched", thumbnail=frame)
    rumor = RumorFactory(
        title="Kim Go-eun kiss clip at the wrap party",
        claim="A clip shows Kim Go-eun kissing her co-star at the wrap party.",
        people=[PersonFactory(name="Kim Go-eun", name_hangul="김고은")],
        with_source=source,
        status="resolved",
        verdict=Verdict.AI_GENERATED,
        verdict_reached_at=timezone.now(),
    )
    yield rumor
    default_storage.delete(frame)


@pytest.fixture
def folder():
    path = settings.VAR_DIR / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("lang", WORDS)
def test_pasted_link_previews_as_the_verdict_card_never_the_fake(
    browser, live_server, debunked, folder, lang
):
    url = f"{live_server.url}{unprefixed(debunked.get_absolute_url())}"
    parser = OpenGraph()
    parser.feed(fetch(url, lang))
    tags = parser.tags
    assert tags["og:title"].startswith(WORDS[lang]) and tags["og:image"].endswith(f".{lang}.png")
    assert tags["og:description"].startswith(WORDS[lang])

    page = browser.new_page(viewport={"width": 700, "height": 600})
    page.set_content(preview_page(tags))
    image = page.locator(".preview img")
    page.wait_for_function("() => document.querySelector('.preview img').complete")
    assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [1200, 630]
    expect(page.locator(".preview h3")).to_contain_text(WORDS[lang])
    shot = page.locator(".preview").screenshot(path=folder / f"link-preview-{lang}.png")
    assert frame_pixels(shot) == 0
    page.close()


def test_forum_embeds_the_verdict_widget_but_cannot_frame_the_rumor_page(
    browser, live_server, debunked, folder, site
):
    url = f"{live_server.url}{debunked.get_absolute_url()}"
    answer = json.loads(fetch(f"{live_server.url}/oembed/?url={url}&format=json", "en"))
    forum = f"""<!doctype html><meta charset="utf-8"><body style="font-family:sans-serif">
      <h1>K-drama forum</h1><p>Is this real?</p><div id="embed">{answer["html"]}</div>
      <p>And the page itself:</p><iframe id="page" src="{url}" width="480" height="200"></iframe>
    </body>"""
    page = browser.new_page(viewport={"width": 800, "height": 800})
    # The forum is another site: a server of its own on this machine (Chromium lets a page on
    # a public address frame nothing on a local one).
    page.goto(site.add("/thread/1", forum))
    widget = page.frame_locator("#embed iframe")
    expect(widget.locator(".badge")).to_have_text("AI-generated")
    expect(widget.locator("h1")).to_contain_text(debunked.title)
    # The rumor page refuses the frame (X-Frame-Options: DENY, frame-ancestors 'none').
    framed = page.locator("#page").element_handle().content_frame()
    assert framed.url.startswith("chrome-error://") and debunked.title not in framed.content()
    page.screenshot(path=folder / "oembed-forum.png")
    page.close()


def test_share_buttons_copy_the_link_and_go_to_plain_share_urls(
    browser, live_server, debunked, folder
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(debunked.get_absolute_url())
    share = page.locator("#verdict .share")
    page_url = f"{live_server.url}{debunked.get_absolute_url()}"
    line = "https://social-plugins.line.me/lineit/share?" + urlencode({"url": page_url})
    expect(share.get_by_role("link", name="LINE")).to_have_attribute("href", line)
    copy = share.locator("[data-share-copy]")
    expect(copy).to_have_text("Copy link")
    expect(copy).to_be_visible()
    copy.click()
    expect(copy).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == page_url
    share.scroll_into_view_if_needed()
    share.screenshot(path=folder / "share-buttons-en-phone.png")
    context.close()
