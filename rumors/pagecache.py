"""Whole-page cache for anonymous readers.

A page is cached under its language, its full path and `pages_stamp()`: the latest
`Rumor.last_activity_at`, which every timeline event bumps. Any change to any rumor therefore
makes new keys, and old pages simply age out; nothing has to be deleted. The stamp itself is
kept in the cache and refreshed as each change commits, so a hit needs no database query.
Members are never served cached pages (their pages carry their name and forms).

Anonymous pages hold nothing per reader (no CSRF token, no cookie: their only forms are
GET forms, and the language switch is a link), so one rendering serves every reader. A page
whose rendering did ask for a CSRF token or set a cookie is not stored: it is for one reader.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse
from django.utils.translation import get_language

from config.shared_cache import holds_per_reader_state
from rumors.models import Rumor

PAGES_STAMP_KEY = "pages:stamp"
# How long a reader may trust the stamp kept in the cache. Writers refresh it as they commit, so
# this only bounds the rare race in which a reader stores a stamp read just before a commit.
PAGES_STAMP_SECONDS = 10


def pages_stamp() -> str:
    """Changes whenever any rumor has activity: part of every anonymous page-cache key (and of
    the API's anonymous list cache).

    Kept in the cache so that a cached page costs no database query; computed from the
    database when the cache has none."""
    stamp = cache.get(PAGES_STAMP_KEY)
    if stamp is None:
        stamp = _pages_stamp_from_database()
        cache.add(PAGES_STAMP_KEY, stamp, PAGES_STAMP_SECONDS)
    return stamp


def pages_stamp_refresh() -> None:
    """After a commit that changed a rumor: the next reader gets pages rendered after it."""
    cache.set(PAGES_STAMP_KEY, _pages_stamp_from_database(), PAGES_STAMP_SECONDS)


def _pages_stamp_from_database() -> str:
    latest = Rumor.objects.aggregate(latest=Max("last_activity_at"))["latest"]
    return latest.isoformat() if latest else "empty"


def _cacheable(request) -> bool:
    return bool(
        settings.PAGE_CACHE_SECONDS
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def _answer(content: bytes, content_type: str, state: str) -> HttpResponse:
    response = HttpResponse(content, content_type)
    response["X-Page-Cache"] = state
    return response


def anonymous_page_cache(view):
    """Serve anonymous readers a cached copy of a successful page while no rumor changed."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        raw = f"{get_language()}|{request.get_full_path()}|{pages_stamp()}"
        key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return _answer(*cached, state="hit")
        response = view(request, *args, **kwargs)
        if (
            response.status_code != 200
            or getattr(response, "streaming", False)
            or holds_per_reader_state(request, response)
        ):
            return response
        entry = (response.content, response["Content-Type"])
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return _answer(*entry, state="miss")

    return wrapped
