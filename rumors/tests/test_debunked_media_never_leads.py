"""A rumor whose verdict says its media is fake or misleading never spreads the fake: its page
leads with the verdict, the fake's thumbnail is small, labelled and behind one click, and no
list, feed, link preview, JSON-LD file link or API client is left to show its frame unwarned.
rumors.media.media_debunked decides; one test per surface."""

import re

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from rumors.media import media_debunked
from rumors.tests.factories import (
    AcceptedEvidenceFactory,
    PersonFactory,
    RumorFactory,
    SourceFactory,
    WorkFactory,
    media_link,
)
from rumors.verdicts import SCALE, Verdict

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

FAKE_MEDIA = [Verdict.AI_GENERATED, Verdict.EDITED, Verdict.OUT_OF_CONTEXT, Verdict.STAGED]
FRAME = "https://cdn.example/faceswap-frame.jpg"
CLIP = "https://cdn.example/faceswap.mp4"


def make(verdict=Verdict.AI_GENERATED, **rumor_fields):
    source = SourceFactory(
        title="Faceswap clip",
        fetch_state="fetched",
        thumbnail="thumbs/faceswap.jpg",
        thumbnail_small="thumbs/faceswap-s.jpg",
        image_url=FRAME,
        video_url=CLIP,
    )
    rumor = RumorFactory(
        title="Faceswapped kiss clip",
        with_source=source,
        verdict=verdict,
        status="resolved",
        **rumor_fields,
    )
    return rumor, source


def test_the_rule_is_the_four_verdicts_about_the_media_itself():
    assert {code for code, info in SCALE.items() if info.media_debunked} == set(FAKE_MEDIA)
    fake, confirmed, open_ = (
        RumorFactory.build(verdict=Verdict.EDITED),
        RumorFactory.build(verdict=Verdict.CONFIRMED),
        RumorFactory.build(verdict=""),
    )
    assert media_debunked(fake) == SCALE[Verdict.EDITED]
    assert media_debunked(confirmed) is None and media_debunked(open_) is None
    assert media_debunked(confirmed, fake) == SCALE[Verdict.EDITED]
    assert media_debunked() is None


def test_evidence_is_debunked_only_when_it_rests_on_the_rumors_own_link():
    rumor, fake = make()
    on_fake = AcceptedEvidenceFactory(rumor=rumor, kind="other", source=fake)
    original = AcceptedEvidenceFactory(rumor=rumor)
    assert media_debunked(rumor, evidence=on_fake) == SCALE[Verdict.AI_GENERATED]
    assert media_debunked(rumor, evidence=original) is None


@pytest.mark.parametrize("verdict", FAKE_MEDIA)
def test_page_leads_with_the_verdict_and_keeps_the_fake_small_behind_a_click(client, verdict):
    rumor, _ = make(verdict)
    page = client.get(rumor.get_absolute_url()).content.decode()
    article = page[page.index('<article class="rumor"') :]
    assert article.index('id="verdict"') < article.index('id="claim-h"')
    assert article.index('id="verdict"') < article.index("faceswap-s.jpg")
    assert "thumbs/faceswap.jpg" not in page
    card = re.search(r'<details class="sensitive debunked">.*?</details>', page, re.S).group(0)
    assert f'badge-verdict-{verdict}">{SCALE[verdict].label}</strong>' in card
    assert re.search(
        r'<img class="revealed" src="/media/thumbs/faceswap-s.jpg"[^>]*width="320"', card
    )
    assert "<summary>" in card and "<img" not in card[: card.index("</summary>")]


def test_a_confirmed_clip_still_leads_with_its_large_thumbnail(client):
    rumor, _ = make(Verdict.CONFIRMED)
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert 'class="source-thumb" src="/media/thumbs/faceswap.jpg"' in page
    assert "sensitive debunked" not in page
    assert page.index('id="claim-h"') < page.index('id="verdict"')


def test_no_link_preview_shows_the_fake(client, settings):
    settings.SITE_URL = "https://jinjja.example"
    rumor, _ = make()
    page = client.get(rumor.get_absolute_url()).content.decode()
    # The preview pictures the verdict's card, drawn without the fake's frame
    # (test_share_card.py), never the fake's thumbnail.
    card = re.compile(r'<meta (property="og:image"|name="twitter:image") content="[^"]*/card/')
    assert len(card.findall(page)) == 2 and 'faceswap.jpg"' not in page.split("</head>")[0]
    assert '<meta property="og:title" content="AI-generated: Faceswapped kiss clip">' in page


def test_json_ld_names_the_fake_by_its_page_never_by_its_file(client):
    rumor, source = make()
    documents = [
        APIClient().get(f"/api/v1/rumors/{rumor.pk}/claimreview/").content.decode(),
        client.get(rumor.get_absolute_url()).content.decode(),
    ]
    for text in documents:
        assert "MediaReview" in text and source.url in text
        assert FRAME not in text and CLIP not in text


def card_pages(rumor):
    person, work = PersonFactory(name="Kim Test"), WorkFactory(title="Test Drama")
    rumor.people.add(person)
    rumor.works.add(work)
    return {
        "home": "/en/",
        "search": "/en/search/?q=Faceswapped",
        "actor": person.get_absolute_url(),
        "drama": work.get_absolute_url(),
        "profile": rumor.submitted_by.get_absolute_url(),
    }


def test_lists_show_a_neutral_card_instead_of_the_fake(client):
    rumor, _ = make(submitted_by=UserFactory())
    for name, url in card_pages(rumor).items():
        page = client.get(url).content.decode()
        assert "Faceswapped kiss clip" in page, name
        assert "thumbs/faceswap" not in page and FRAME not in page, name
        if name != "profile":  # the profile lists titles only, without thumbnails
            assert 'class="thumb thumb-hidden thumb-debunked"' in page, name


def test_lists_still_show_a_confirmed_clips_thumbnail(client):
    rumor, _ = make(Verdict.CONFIRMED)
    page = client.get("/en/").content.decode()
    assert '<img class="thumb" src="/media/thumbs/faceswap-s.jpg"' in page
    assert "thumb-debunked" not in page


def test_feeds_carry_the_verdict_and_no_picture(client):
    rumor, _ = make(verdict_reached_at="2026-03-01T00:00:00Z")
    person = PersonFactory()
    rumor.people.add(person)
    for url in ("/feeds/verdicts/", f"/people/{person.slug}/feed/"):
        feed = client.get(url).content.decode()
        assert "<title>AI-generated: Faceswapped kiss clip</title>" in feed
        assert "thumbs/faceswap" not in feed and FRAME not in feed and CLIP not in feed
        assert "<enclosure" not in feed and 'rel="enclosure"' not in feed


def test_similar_media_of_a_debunked_fake_is_neither_pictured_nor_linked(client):
    calm, calm_source = make(Verdict.CONFIRMED)
    _, fake_source = make()
    media_link(calm_source, fake_source)
    page = client.get(calm.get_absolute_url()).content.decode()
    panel = page[page.index("Similar media") :]
    assert f'href="{fake_source.url}"' not in panel
    assert "AI-generated" in panel and "Faceswap clip" in panel


def test_api_keeps_the_data_and_flags_the_fake(client):
    rumor, source = make()
    api = APIClient()
    for body in (
        api.get(f"/api/v1/rumors/{rumor.pk}/").json()["sources"][0],
        api.get("/api/v1/rumors/").json()["results"][0]["sources"][0],
        api.get(f"/api/v1/sources/{source.pk}/").json(),
    ):
        assert body["media_debunked"] is True
        assert body["url"] == source.url and body["image_url"] == FRAME
        assert body["thumbnail_small_url"].endswith("/media/thumbs/faceswap-s.jpg")


def test_api_does_not_flag_a_link_cited_as_evidence_on_a_debunked_rumor():
    rumor, _ = make()
    original = AcceptedEvidenceFactory(rumor=rumor).source
    confirmed, _ = make(Verdict.CONFIRMED)
    api = APIClient()
    assert api.get(f"/api/v1/sources/{original.pk}/").json()["media_debunked"] is False
    flags = api.get(f"/api/v1/rumors/{confirmed.pk}/").json()["sources"][0]["media_debunked"]
    assert flags is False
