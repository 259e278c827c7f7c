"""More frames of a clip than its one thumbnail, where the platform offers them: YouTube keeps
three frames taken through the video beside the cover (`/vi/ID/hq1.jpg` .. `hq3.jpg`, next to
`hqdefault.jpg` or `maxresdefault.jpg`). Fetched through http.py like any image, hashed in
memory (rumors/matching.py); nothing is stored. No database code."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from rumors.fetchers import http, images
from rumors.matching import MediaHash

# A YouTube thumbnail address: /vi/<id>/<name>.jpg (or /vi_webp/<id>/<name>.webp).
_YOUTUBE_THUMBNAIL = re.compile(r"^/vi(?:_webp)?/(?P<id>[\w-]{6,20})/[\w-]+\.(?:jpg|webp)$")
YOUTUBE_FRAMES = ("hq1", "hq2", "hq3")


def frame_urls(image_url: str) -> list[tuple[str, str]]:
    """(label, URL) of the other preview frames beside a clip's thumbnail; empty when the
    thumbnail is not shaped like a platform's that has them."""
    parts = urlsplit(image_url)
    found = _YOUTUBE_THUMBNAIL.match(parts.path)
    if not found:
        return []
    return [
        (name, urlunsplit(parts._replace(path=f"/vi/{found['id']}/{name}.jpg", query="")))
        for name in YOUTUBE_FRAMES
    ]


def fetch_frame_hashes(image_url: str) -> list[tuple[str, MediaHash]]:
    """The PDQ hashes of the other preview frames that could be fetched; a frame that fails
    (missing, not an image) is left out: the thumbnail alone still counts."""
    found = []
    urls = frame_urls(image_url)
    if not urls:
        return found
    with http.Fetcher() as fetcher:
        for label, url in urls:
            try:
                response = fetcher.get(
                    url, accept=http.IMAGE_TYPES, max_bytes=settings.FETCH_MAX_IMAGE_BYTES
                )
                thumbs = images.make_thumbnails(
                    response.content, max_pixels=settings.FETCH_MAX_IMAGE_PIXELS
                )
            except (http.FetchError, images.ImageRejected):
                continue
            found.append((label, thumbs.media_hash))
    return found
