"""A source as the network shows it: the page, its oEmbed document and its image, fetched
through http.py and read by metadata.py and images.py. No database code."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings

from rumors.fetchers import http, images, metadata


@dataclass
class FetchedPage:
    final_url: str
    status: int
    metadata: metadata.PageMetadata
    thumbnails: images.Thumbnails | None = None
    image_error: str = ""


def _oembed(fetcher: http.Fetcher, url: str) -> dict | None:
    """The oEmbed document, or None: it only adds detail, so its failures are not the page's."""
    try:
        response = fetcher.get(url, accept=http.JSON_TYPES, max_bytes=256 * 1024)
        data = json.loads(response.content.decode("utf-8", errors="replace"))
    except (http.FetchError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def fetch_thumbnails(fetcher: http.Fetcher, url: str) -> images.Thumbnails:
    """Download an image through the same checks as any page and make its thumbnails."""
    response = fetcher.get(url, accept=http.IMAGE_TYPES, max_bytes=settings.FETCH_MAX_IMAGE_BYTES)
    return images.make_thumbnails(response.content, max_pixels=settings.FETCH_MAX_IMAGE_PIXELS)


def fetch_page(url: str) -> FetchedPage:
    """Fetch and read a source. Raises http.FetchError (or a subclass) when the page itself fails;
    a missing or broken image is reported in `image_error` instead."""
    with http.Fetcher() as fetcher:
        response = fetcher.get(url, accept=http.HTML_TYPES, max_bytes=settings.FETCH_MAX_HTML_BYTES)
        page = metadata.extract(response.content, url=response.url, charset=response.charset)
        if page.unavailable:
            raise http.FetchGone(
                "The page says the media is no longer available.", status=response.status
            )
        oembed = _oembed(fetcher, page.oembed_url) if page.oembed_url else None
        metadata.finish(page, url=response.url, oembed=oembed)
        result = FetchedPage(final_url=response.url, status=response.status, metadata=page)
        if page.image_url:
            try:
                result.thumbnails = fetch_thumbnails(fetcher, page.image_url)
            except (http.FetchError, images.ImageRejected) as exc:
                result.image_error = f"Thumbnail not kept: {exc}"
    return result
