"""Anonymous list reads from the cache while no rumor changed.

The key holds the same stamp as the anonymous page cache (rumors/pagecache.py), so any
committed change to any rumor makes new keys. Authentication, permissions and throttling have
run before a list is asked for, so a cached answer is still counted against the reader's rate.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from rumors.pagecache import pages_stamp


class AnonymousListCacheMixin:
    """Keeps the rendered bytes: a hit skips the queries, the serializers and the renderer."""

    def cache_variant(self) -> str:
        """More that the answer depends on, beyond the URL and the rumors' stamp."""
        return ""

    def list(self, request, *args, **kwargs):
        self.cache_key = None
        if not settings.PAGE_CACHE_SECONDS or request.user.is_authenticated:
            return super().list(request, *args, **kwargs)
        # The absolute URL: the links in a page name the host the reader asked.
        url = request.build_absolute_uri()
        raw = f"{request.accepted_renderer.format}|{url}|{pages_stamp()}|{self.cache_variant()}"
        key = "api:" + hashlib.sha256(raw.encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        self.cache_key = key
        return super().list(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "cache_key", None) and response.status_code == 200:
            response.render()
            entry = (response.content, response["Content-Type"])
            cache.set(self.cache_key, entry, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
