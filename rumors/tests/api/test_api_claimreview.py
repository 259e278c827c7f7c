from datetime import UTC, datetime

import pytest

from rumors.claimreview import claimreview_for
from rumors.models import Evidence, Rumor
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db

DECIDED = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _graph(api, rumor):
    response = api.get(f"/api/v1/rumors/{rumor.pk}/claimreview/")
    assert response.status_code == 200, response.content
    document = response.json()
    assert document["@context"] == "https://schema.org"
    return {item["@type"]: item for item in document["@graph"]}


def test_rumor_without_verdict_has_no_claimreview(api):
    rumor = RumorFactory()
    response = api.get(f"/api/v1/rumors/{rumor.pk}/claimreview/")
    assert response.status_code == 404
    assert "no verdict" in response.json()["detail"]


def test_claimreview_fills_every_field_google_asks_for(api, settings):
    settings.SITE_URL = "https://jinjja.example"
    source = SourceFactory(
        author="Gossip Channel", published_at=datetime(2026, 2, 1, tzinfo=UTC), title="Clip"
    )
    rumor = RumorFactory(
        with_source=source, verdict="false", verdict_reached_at=DECIDED, claim="They married."
    )
    review = _graph(api, rumor)["ClaimReview"]
    assert review["url"] == "https://jinjja.example" + rumor.get_absolute_url()
    assert review["claimReviewed"] == "They married."
    assert review["datePublished"] == "2026-03-01"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Jinjja",
        "url": "https://jinjja.example/",
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "False",
        "ratingExplanation": "The claim is false.",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
    }
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == {"@type": "Person", "name": "Gossip Channel"}
    assert claim["datePublished"] == "2026-02-01"
    assert claim["firstAppearance"]["url"] == source.url
    assert [a["url"] for a in claim["appearance"]] == [source.url]


def test_unproven_has_a_textual_rating_only(api):
    rumor = RumorFactory(verdict="unproven", verdict_reached_at=DECIDED)
    rating = _graph(api, rumor)["ClaimReview"]["reviewRating"]
    assert rating["alternateName"] == "Unproven" and "ratingValue" not in rating


def test_clip_gets_a_mediareview_too(api):
    source = SourceFactory(video_url="https://cdn.example/clip.mp4", site_name="TikTok")
    rumor = RumorFactory(with_source=source, verdict="ai_generated", verdict_reached_at=DECIDED)
    Evidence.objects.create(
        rumor=rumor,
        kind="original_footage",
        stance="refutes",
        status="accepted",
        url="https://www.youtube.com/watch?v=original",
        note="Promotional footage from 2020, faces swapped.",
    )
    media = _graph(api, rumor)["MediaReview"]
    assert media["mediaAuthenticityCategory"] == "TransformedContent"
    assert media["originalMediaLink"] == "https://www.youtube.com/watch?v=original"
    assert media["originalMediaContextDescription"].startswith("Promotional footage")
    assert media["datePublished"] == "2026-03-01" and media["author"]["name"] == "Jinjja"
    appearance = media["itemReviewed"]["mediaItemAppearance"][0]
    # The verdict found the clip fake: it is named by its page, never by its file.
    assert appearance == {"@type": "VideoObject", "url": source.url}


def test_plain_link_or_media_neutral_verdict_gets_no_mediareview(api):
    article = RumorFactory(verdict="edited", verdict_reached_at=DECIDED)
    assert "MediaReview" not in _graph(api, article)
    image = SourceFactory(image_url="https://cdn.example/a.jpg")
    false_claim = RumorFactory(with_source=image, verdict="false", verdict_reached_at=DECIDED)
    assert "MediaReview" not in _graph(api, false_claim)


def test_rumor_page_embeds_the_same_markup(client):
    rumor = RumorFactory(verdict="satire", verdict_reached_at=DECIDED, claim="<b>Wow</b> & co")
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert '<script type="application/ld+json">' in page
    assert "\\u003Cb\\u003EWow" in page and "<b>Wow</b>" not in page.split("</head>")[0]
    rumor = Rumor.objects.get(pk=rumor.pk)
    assert claimreview_for(rumor)["@graph"][0]["claimReviewed"] == "<b>Wow</b> & co"


def test_rumor_page_without_verdict_has_no_markup(client):
    rumor = RumorFactory()
    assert "application/ld+json" not in client.get(rumor.get_absolute_url()).content.decode()
