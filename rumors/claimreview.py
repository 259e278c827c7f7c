"""schema.org fact-check markup for a rumor with a verdict: ClaimReview, and MediaReview when
the rumor is about a clip or an image.

One function builds it for the rumor page and the API alike. The verdict scale maps to ratings
in rumors/verdicts.py; this module only arranges the fields Google's fact-check markup asks for.
"""

from urllib.parse import urlsplit

from django.conf import settings

from rumors.media import media_debunked, media_visible, media_withheld
from rumors.models import Evidence, Rumor, Source
from rumors.selectors.prefetch import RUMOR_PAGE_SOURCES
from rumors.verdicts import verdict_info

# Google's scale: 1 is false, 5 is true.
WORST_RATING, BEST_RATING = 1, 5


def _site_url(path: str) -> str:
    return settings.SITE_URL + path


def _publisher() -> dict:
    return {"@type": "Organization", "name": "Jinjja", "url": _site_url("/")}


def _source_author(source: Source) -> dict:
    name = source.author or source.site_name or urlsplit(source.url).hostname or source.url
    return {"@type": "Person" if source.author else "Organization", "name": name}


def _appearance(source: Source) -> dict:
    item = {"@type": "CreativeWork"}
    if not media_withheld(source):
        item["url"] = source.url
    if source.title:
        item["headline"] = source.title
    if source.published_at:
        item["datePublished"] = source.published_at.date().isoformat()
    return item


def _accepted_evidence(rumor: Rumor) -> list[Evidence]:
    prefetched = getattr(rumor, "accepted_evidence", None)
    if prefetched is not None:
        return prefetched
    return [e for e in rumor.evidence.all() if e.status == Evidence.Status.ACCEPTED]


def _sources(rumor: Rumor) -> list[Source]:
    """The rumor's first sources: the page prefetches as many, the API all of them, and both
    documents name the same ones."""
    prefetched = getattr(rumor, "source_list", None)
    sources = prefetched if prefetched is not None else rumor.sources.order_by("id")
    return list(sources[:RUMOR_PAGE_SOURCES])


def _media_item(source: Source, rumor: Rumor) -> dict:
    media = {"@type": "VideoObject" if source.video_url else "ImageObject"}
    if not media_withheld(source):
        media["url"] = source.url
    if media_visible(source, rumor) and not media_debunked(rumor):
        # Media that may not be shown, or that the verdict found fake, is named by its page
        # alone, never by its file: a search result would show the fake's frame.
        media["contentUrl"] = source.video_url or source.image_url
    if source.title:
        media["name"] = source.title
    if source.published_at:
        media["uploadDate"] = source.published_at.isoformat()
    return media


def claimreview_for(rumor: Rumor) -> dict | None:
    """The JSON-LD document for a rumor, or None while it has no verdict.

    Expects the rumor's sources and evidence to be prefetched.
    """
    info = verdict_info(rumor.verdict)
    if info is None:
        return None
    page_url = _site_url(rumor.get_absolute_url())
    published = (rumor.verdict_reached_at or rumor.updated_at).date().isoformat()
    sources = _sources(rumor)

    rating = {
        "@type": "Rating",
        "alternateName": str(info.label),
        "ratingExplanation": str(info.meaning),
    }
    if info.rating_value is not None:
        rating |= {
            "ratingValue": info.rating_value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
    claim = {"@type": "Claim", "name": rumor.title}
    if sources:
        first = sources[0]
        claim |= {
            "author": _source_author(first),
            "appearance": [_appearance(s) for s in sources],
            "firstAppearance": _appearance(first),
        }
        if first.published_at:
            claim["datePublished"] = first.published_at.date().isoformat()
    graph = [
        {
            "@type": "ClaimReview",
            "url": page_url,
            "claimReviewed": rumor.claim,
            "datePublished": published,
            "author": _publisher(),
            "reviewRating": rating,
            "itemReviewed": claim,
        }
    ]

    media_sources = [s for s in sources if s.video_url or s.image_url]
    if media_sources and info.media_category:
        evidence = _accepted_evidence(rumor)
        original = next(
            (
                e
                for e in evidence
                if e.kind == Evidence.Kind.ORIGINAL_FOOTAGE
                and e.url
                and not media_withheld(evidence=e)
            ),
            None,
        )
        context = next((e.note for e in evidence if e.note), "") or str(info.meaning)
        review = {
            "@type": "MediaReview",
            "url": page_url,
            "datePublished": published,
            "author": _publisher(),
            "mediaAuthenticityCategory": info.media_category,
            "originalMediaContextDescription": context,
            "itemReviewed": {
                "@type": "MediaReviewItem",
                "creator": _source_author(media_sources[0]),
                "mediaItemAppearance": [_media_item(s, rumor) for s in media_sources],
            },
        }
        if original:
            review["originalMediaLink"] = original.url
        graph.append(review)
    return {"@context": "https://schema.org", "@graph": graph}
