"""A shared rumor link previews as the verdict, not as the fake: the title and description
begin with the verdict and its meaning, the picture is the site's card, the page advertises
its oEmbed answer, and the share buttons under the verdict use plain share URLs."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from config.languages import in_language
from rumors.models import Rumor
from rumors.tests.cardsupport import meta
from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://jinjja.example"
    return settings.SITE_URL


def test_shared_link_previews_with_the_verdict_its_meaning_then_the_claim(client, site):
    source = SourceFactory(thumbnail="thumbs/deepfake.jpg")
    rumor = RumorFactory(
        title="Kiss clip", claim="They kissed.", verdict=Verdict.AI_GENERATED, with_source=source
    )
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert meta(body, "og:title") == "AI-generated: Kiss clip"
    assert meta(body, "og:description") == (
        "AI-generated: The media was synthesised or face-swapped by AI. The claim: They kissed."
    )
    assert meta(body, "og:url") == f"{site}{rumor.get_absolute_url()}"
    assert meta(body, "og:type") == "article"
    assert re.fullmatch(
        rf"{site}/rumors/{rumor.pk}/card/[0-9a-f]{{12}}\.en\.png", meta(body, "og:image")
    )
    assert meta(body, "twitter:image") == meta(body, "og:image")
    assert meta(body, "twitter:card") == "summary_large_image"
    assert (meta(body, "og:image:width"), meta(body, "og:image:height")) == ("1200", "630")
    assert "deepfake.jpg" not in body.split("</head>")[0]


def test_preview_before_a_verdict_says_under_review(client, site):
    rumor = RumorFactory(title="Wedding rumor", claim="They married in secret.")
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert meta(body, "og:title") == "Under review: Wedding rumor"
    assert meta(body, "og:description").startswith("Under review: No verdict yet")
    assert meta(body, "og:description").endswith("The claim: They married in secret.")


def test_korean_reader_shares_the_korean_card_and_text(client, site):
    rumor = RumorFactory(title="키스 영상", verdict=Verdict.FALSE)
    body = client.get(in_language(rumor.get_absolute_url(), "ko")).content.decode()
    assert meta(body, "og:image").endswith(".ko.png")
    assert unescape(meta(body, "og:title")) == "거짓: 키스 영상"


def test_long_claim_is_shortened_in_the_description(client, site):
    rumor = RumorFactory(claim="word " * 200, verdict=Verdict.FALSE)
    description = meta(client.get(rumor.get_absolute_url()).content.decode(), "og:description")
    assert len(description) <= 200 and description.endswith("…")


def test_rumor_page_advertises_its_oembed_answer(client, site):
    rumor = RumorFactory()
    body = client.get(rumor.get_absolute_url()).content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', body)
    query = parse_qs(urlsplit(unescape(link.group(1))).query)
    assert link.group(1).startswith(f"{site}/oembed/?")
    assert query == {"url": [f"{site}{rumor.get_absolute_url()}"], "format": ["json"]}


def test_share_buttons_under_the_verdict_use_plain_share_urls_and_no_outside_scripts(client, site):
    rumor = RumorFactory(title="Kiss clip", verdict=Verdict.FALSE)
    body = client.get(rumor.get_absolute_url()).content.decode()
    verdict = body[body.index('id="verdict"') :]
    share = verdict[verdict.index('class="share"') : verdict.index("</section>")]
    page_url = f"{site}{rumor.get_absolute_url()}"
    links = {unescape(h) for h in re.findall(r'href="([^"]+)"', share)}
    assert {urlsplit(h).netloc for h in links} == {
        "twitter.com",
        "www.facebook.com",
        "social-plugins.line.me",
    }
    for href in links:
        assert [page_url] in parse_qs(urlsplit(href).query).values()
    assert "data-share-native" in share and "data-share-copy" in share
    assert re.findall(r"<script src=[^>]*>", body) == ['<script src="/static/js/site.js" defer>']


def test_no_share_buttons_or_oembed_on_a_rumor_only_its_submitter_sees(client, site):
    rumor = RumorFactory(status=Rumor.Status.REJECTED)
    client.force_login(rumor.submitted_by)
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert 'class="share"' not in body and "json+oembed" not in body
