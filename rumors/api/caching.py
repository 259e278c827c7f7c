"""Anonymous list reads from the cache while no rumor changed.

The key holds the same stamp as the anonymous page cache (rumors/pagecache.py), so any
committed change to any rumor makes new keys. Authentication, permissions and throttling have
run before a list is asked for, so a cached answer is still counted against the reader's rate.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from rest_framework.response import Response

from rumors.selectors import pages_stamp


class AnonymousListCacheMixin:
    def list(self, request, *args, **kwargs):
        if not settings.PAGE_CACHE_SECONDS or request.user.is_authenticated:
            return super().list(request, *args, **kwargs)
        # The absolute URL: the links in a page name the host the reader asked.
        raw = f"{request.accepted_renderer.format}|{request.build_absolute_uri()}|{pages_stamp()}"
        key = "api:" + hashlib.sha256(raw.encode()).hexdigest()
        data = cache.get(key)
        if data is not None:
            return Response(data, headers={"X-Page-Cache": "hit"})
        response = super().list(request, *args, **kwargs)
        if response.status_code == 200:
            cache.set(key, response.data, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
