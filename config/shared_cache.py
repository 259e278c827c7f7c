"""What a shared cache (deploy/nginx/jinjja.conf, a CDN) may keep, said in every answer's
Cache-Control. The one place that decides it; views set their own header only when they know
better (a versioned card is immutable, a media file is checked again at each request).

- An answer that holds something for one reader (it sets a cookie, or renders a CSRF token:
  sign-up, login, password reset, the report form, the language switch) is
  `private, no-store`: no cache anywhere may keep it.
- Anything for a member (a session, or an API token) is `private`: `private, no-cache` unless
  the view said otherwise.
- Every other GET or HEAD that a shared cache may serve to the next reader (200, 301, 304, 308,
  404, and the 410 and 451 that must replace a page kept before a takedown or a hold) is
  `public, max-age=CACHE_MAX_AGE, s-maxage=CACHE_S_MAXAGE,
  stale-while-revalidate=CACHE_STALE_WHILE_REVALIDATE, stale-if-error=CACHE_STALE_IF_ERROR`.

Anonymous pages hold nothing per reader (their forms are GET forms; the language switch is a
link), so one copy serves every reader. A change (a verdict, a hide, a hold) reaches readers
through the proxy by the short lifetime, not by a purge: README.md, "Shared cache", says how
soon.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

# Answers that are the same for every anonymous reader of an address and may be kept.
SHAREABLE_STATUSES = frozenset({200, 203, 300, 301, 304, 308, 404, 410, 451})


def holds_per_reader_state(request, response) -> bool:
    """True if the answer sets a cookie or carries a CSRF token rendered for this reader."""
    return bool(response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def is_member_request(request) -> bool:
    """A request authenticated by a session or by an API token (DRF sets the request's user)."""
    if request.headers.get("Authorization"):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def shared_cache_control(*, max_age: int | None = None, immutable: bool = False) -> str:
    """The Cache-Control of an answer any shared cache may keep, from the settings. A view may
    let browsers keep it longer (`max_age`, `immutable`: a versioned share card); shared caches
    still keep it only CACHE_S_MAXAGE, so that a takedown reaches them as fast as a page's."""
    browsers = settings.CACHE_MAX_AGE if max_age is None else max_age
    return (
        f"public, max-age={browsers}{', immutable' if immutable else ''}, "
        f"s-maxage={settings.CACHE_S_MAXAGE}, "
        f"stale-while-revalidate={settings.CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.CACHE_STALE_IF_ERROR}"
    )


class SharedCacheMiddleware:
    """Sets Cache-Control by the rules above. Listed near the top of MIDDLEWARE so that it sees
    the cookies every middleware below it sets, and the static files WhiteNoise answers (which
    carry their own lifetimes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if holds_per_reader_state(request, response):
            patch_cache_control(response, private=True, no_store=True)
        elif is_member_request(request):
            if response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            else:
                patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
        elif (
            request.method in ("GET", "HEAD")
            and response.status_code in SHAREABLE_STATUSES
            and not response.has_header("Cache-Control")
        ):
            response["Cache-Control"] = shared_cache_control()
            # A session or an API token gets another answer (its own, private): a shared
            # cache must not hand the kept anonymous one to such a request.
            patch_vary_headers(response, ["Authorization", "Cookie"])
        return response
