"""Each language its own address: every page answers under /en/… and /ko/… (`i18n_patterns` in
config/urls.py), so that a crawler and a shared cache can tell a Korean page from an English one
by its address alone.

An unprefixed page address (every link shared before the prefixes) is redirected by Django's
LocaleMiddleware to the reader's language: the choice remembered by the switch below, then
Accept-Language, then English, with `Vary: Accept-Language, Cookie` on that redirect only.

Here:
- `page_languages`, a context processor: the page's address in each language and the
  x-default (the unprefixed address, which picks the language), for `<link rel="alternate"
  hreflang>` and the footer's language links;
- `language_switch`, the small address those links pass through: it remembers the choice in the
  language cookie and redirects to the page in that language, and is never cached;
- `resolve_site_path`, which resolves a path of this site given with or without a prefix (the
  oEmbed endpoint, the lookup API and the report form take either form of a page's address).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import ResolverMatch, resolve, translate_url
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def path_language(path: str) -> str | None:
    """The language a path's prefix names ("/ko/rumors/5/" → "ko"), or None."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGE_CODES else None


def unprefixed(path: str) -> str:
    """The path without its language prefix: the address that picks the reader's language."""
    language = path_language(path)
    return path[len(language) + 1 :] if language else path


def in_language(path: str, code: str) -> str:
    """The same page's path in language `code` ("/en/rumors/5/", "ko" → "/ko/rumors/5/"; an
    unprefixed path gets the prefix)."""
    return f"/{code}{unprefixed(path)}"


def resolve_site_path(path: str) -> tuple[ResolverMatch, str]:
    """The view a path of this site names, and the language to answer in: the prefix's, or for
    an unprefixed page address the active language (as the redirect would choose). Raises
    Resolver404 for a path that is no page."""
    language = path_language(path) or translation.get_language() or settings.LANGUAGE_CODE
    if not path_language(path):
        path = f"/{language}{path if path.startswith('/') else '/' + path}"
    with translation.override(language):
        return resolve(path), language


def page_languages(request) -> dict:
    """Context processor: the current page in each language (`page_languages`, for the footer's
    links and the hreflang alternates, absolute on SITE_URL) and its x-default address. Empty
    for an address without a prefix (the API's pages, errors outside the prefixed pages)."""
    current = path_language(request.path_info)
    if current is None or request.resolver_match is None:
        return {}
    full_path = request.get_full_path()
    languages = []
    for code in LANGUAGE_CODES:
        path = translate_url(full_path, code)
        languages.append(
            {
                "code": code,
                "name_local": translation.get_language_info(code)["name_local"],
                "path": path,
                "url": settings.SITE_URL + path,
                "current": code == current,
            }
        )
    return {
        "page_languages": languages,
        "page_x_default": settings.SITE_URL + unprefixed(full_path),
    }


@require_GET
def language_switch(request, code: str):
    """Remember the reader's language and go to the page in it (`?next=` the page's address in
    that language; the home page otherwise). Sets a cookie, so it is never cached."""
    if code not in LANGUAGE_CODES:
        code = settings.LANGUAGE_CODE
    target = request.GET.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"/{code}/"
    elif path_language(target) != code:
        target = in_language(target, code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
