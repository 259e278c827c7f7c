"""Answers that hold something for one reader are never stored by any cache, and say so.

Anonymous pages hold nothing per reader: their forms are GET forms and the language switch is a
link. The pages whose forms an anonymous reader posts (sign-up, login, password reset, the
report form) carry a CSRF token, and the language switch sets a cookie: those answers, and any
other that sets a cookie or renders a CSRF token, get `Cache-Control: private, no-store`.
"""

from django.utils.cache import patch_cache_control


def holds_per_reader_state(request, response) -> bool:
    """True if the answer sets a cookie or carries a CSRF token rendered for this reader."""
    return bool(response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


class PerReaderAnswersMiddleware:
    """Marks answers that hold per-reader state private and not to be stored. Listed near the
    top of MIDDLEWARE so that it sees the cookies every middleware below it sets."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if holds_per_reader_state(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response
