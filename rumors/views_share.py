"""What other sites fetch of ours: share cards (PNG), the embeddable verdict widget and the
oEmbed answer. Apart from views.py, which is past the size at which STYLE.md splits a module.

A card is drawn by rumors.cards outside any transaction (the site has no ATOMIC_REQUESTS) and
kept in the cache under its version; a rumor's card URL carries the version, so that a platform
that caches previews fetches the new card after a verdict, and an old version redirects."""

from csp.decorators import csp_replace
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from config.shared_cache import shared_cache_control
from rumors import cards
from rumors.selectors import cards as share
from rumors.selectors import person_get, work_get
from rumors.selectors.rumors import rumor_page_for_url

# A versioned card never changes: platforms and browsers may keep it for a year. An unversioned
# one (a page's card) may change with a rename: a day. Shared caches keep either only
# CACHE_S_MAXAGE (config/shared_cache.py), so that a held rumor's card answers 451 through the
# proxy as soon as its page does.
VERSIONED_MAX_AGE = 365 * 24 * 3600
PAGE_CARD_MAX_AGE = 24 * 3600


def _png(png: bytes, cache_control: str) -> HttpResponse:
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = cache_control
    return response


def _versioned() -> str:
    return shared_cache_control(max_age=VERSIONED_MAX_AGE, immutable=True)


def _page_card() -> str:
    return shared_cache_control(max_age=PAGE_CARD_MAX_AGE)


def _language(lang: str) -> str:
    if lang not in share.CARD_LANGUAGES:
        raise Http404("No card in this language.")
    return lang


@require_GET
def rumor_card(request, pk: int, version: str, lang: str):
    """The rumor's card; 404/451 like its page. An old version redirects to the current one."""
    rumor = share.rumor_card_get(pk=pk, user=request.user)
    lang = _language(lang)
    current = share.rumor_card_version(rumor=rumor)
    if version != current:
        return redirect("syndication:card", pk=pk, version=current, lang=lang)
    png = cards.cached_png(
        "rumor", pk, current, lang, build=lambda: share.rumor_card(rumor=rumor, lang=lang)
    )
    # A rumor only its submitter and the moderators see must not rest in a shared cache.
    return _png(png, _versioned() if rumor.is_public else "private, no-store")


@require_GET
def page_card(request, page: str, lang: str):
    if page not in share.PAGE_CARDS:
        raise Http404("No such card.")
    lang = _language(lang)
    png = cards.cached_png("page", page, lang, build=lambda: share.page_card(page=page, lang=lang))
    return _png(png, _page_card())


def _named_card(kind: str, subject, names: tuple[str, str], lang: str) -> HttpResponse:
    """A person's or a work's card, kept under its names (a rename makes a new card)."""
    lang = _language(lang)
    png = cards.cached_png(
        kind,
        subject.pk,
        *names,
        lang,
        build=lambda: share.page_card(page=kind, lang=lang, **{kind: subject}),
    )
    return _png(png, _page_card())


@require_GET
def person_card(request, slug: str, lang: str):
    person = person_get(slug=slug)
    return _named_card("person", person, (person.name, person.name_hangul), lang)


@require_GET
def work_card(request, slug: str, lang: str):
    work = work_get(slug=slug)
    return _named_card("work", work, (work.title, work.title_korean), lang)


@require_GET
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def rumor_embed(request, pk: int):
    """The verdict widget other sites frame: the only page that may be framed."""
    rumor = share.rumor_card_get(pk=pk, user=request.user)
    heading, meaning, _colour = share.verdict_heading(rumor)
    context = {
        "rumor": rumor,
        "share": share.rumor_share(rumor=rumor),
        "heading": heading,
        "meaning": meaning,
        "people": share.people_line(rumor, share.card_language()),
    }
    return render(request, "rumors/rumor_embed.html", context)


def _size(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(_("%(name)s must be a positive whole number.") % {"name": name})
    return int(value)


@require_GET
def oembed(request):
    """oEmbed 1.0 (https://oembed.com/) for rumor pages: `?url=<rumor page URL>&format=json`."""
    url = request.GET.get("url", "")
    if not url:
        return JsonResponse({"error": _("Give the rumor page's address as url.")}, status=400)
    if request.GET.get("format", "json") != "json":
        return JsonResponse({"error": _("Only the json format is offered.")}, status=501)
    try:
        maxwidth, maxheight = _size(request, "maxwidth"), _size(request, "maxheight")
    except ValueError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    pk, language = rumor_page_for_url(url)
    rumor = share.rumor_card_get(pk=pk, user=request.user)
    # The embed speaks the language of the page address it was given.
    with translation.override(language):
        answer = share.rumor_oembed(rumor=rumor, maxwidth=maxwidth, maxheight=maxheight)
    return JsonResponse(answer)
