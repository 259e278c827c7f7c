"""What a shared link shows: the share card of a rumor or a page, its versioned URL, the link
preview's text, the share buttons' links and the oEmbed answer. rumors.cards draws and caches
the cards built here.

What a card may picture is decided by rumors.media, as everywhere: never a withheld or
sensitive frame, never a frame of media the verdict found fake or misleading.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from accounts.models import User
from rumors import cards
from rumors.cards import Card
from rumors.media import media_debunked, media_visible
from rumors.models import Evidence, Person, Rumor, Source, Work
from rumors.selectors import prefetch
from rumors.selectors.rumors import _or_404
from rumors.verdicts import verdict_info

CARD_LANGUAGES = ("en", "ko")
SITE_COLOUR = "#1f2a44"
OPEN_COLOUR = "#55595e"
DESCRIPTION_LENGTH = 200
# The embedded verdict widget, in CSS pixels (the oEmbed answer's width and height).
EMBED_WIDTH, EMBED_HEIGHT = 480, 270


def card_language(lang: str | None = None) -> str:
    """A card language: `lang` if it is one, else the reader's, else the site's default."""
    for candidate in (lang, (get_language() or "")[:2]):
        if candidate in CARD_LANGUAGES:
            return candidate
    return settings.LANGUAGE_CODE


def rumor_card_get(*, pk: int, user: User) -> Rumor:
    """The rumor with what its card shows, or 404/451 exactly as its page."""
    return _or_404(
        Rumor.objects.prefetch_related(*prefetch.share_card()).filter(pk=pk).first(), user
    )


def rumor_card_frame(*, rumor: Rumor) -> Source | None:
    """The source whose thumbnail a card and a link preview may show: none whose media may not
    be shown openly, and none at all when the verdict found the media fake or misleading (the
    preview would spread it). Reads the rumor's first sources from its prefetch."""
    if media_debunked(rumor):
        return None
    for source in rumor.source_list:
        if source.thumbnail and media_visible(source, rumor):
            return source
    return None


@dataclass(frozen=True)
class Picture:
    """The one picture a card may show, and what it is."""

    key: str  # part of the card's version: "source-<id>" or "evidence-<id>"
    file: FieldFile
    caption: str = ""


def rumor_card_picture(*, rumor: Rumor) -> Picture | None:
    """The picture a card may show: the source's frame where rumor_card_frame allows it, else
    the first accepted evidence image that may be shown openly and is not the media the verdict
    debunks (the original footage, for instance). Reads the prefetches of the rumor page or
    of rumor_card_get, never the database."""
    source = rumor_card_frame(rumor=rumor)
    if source is not None:
        return Picture(f"source-{source.pk}", source.thumbnail)
    for evidence in rumor.evidence.all():
        if (
            evidence.status == Evidence.Status.ACCEPTED
            and evidence.image
            and media_visible(None, rumor, evidence=evidence)
            and media_debunked(rumor, evidence=evidence) is None
        ):
            caption = _("Evidence: %(kind)s") % {"kind": evidence.get_kind_display()}
            return Picture(f"evidence-{evidence.pk}", evidence.image, caption)
    return None


def rumor_card_version(*, rumor: Rumor) -> str:
    """Part of the card's URL: changes with anything the card shows (the verdict, the round,
    the title after a redaction, the people, the picture it may show), so that platforms
    which cache previews fetch the new card. Reads only the row and the page's prefetches."""
    picture = rumor_card_picture(rumor=rumor)
    parts = [
        cards.DESIGN,
        rumor.verdict,
        str(rumor.review_round),
        str(rumor.is_disputed),
        rumor.title,
        "|".join(sorted(f"{p.name}/{p.name_hangul}" for p in rumor.people.all())),
        picture.key if picture else "",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def rumor_card_url(*, rumor: Rumor, lang: str | None = None) -> str:
    """The card's absolute URL, in `lang` or the reader's language."""
    version = rumor_card_version(rumor=rumor)
    path = reverse("syndication:card", args=[rumor.pk, version, card_language(lang)])
    return f"{settings.SITE_URL}{path}"


def people_line(rumor: Rumor, lang: str) -> str:
    people = sorted(rumor.people.all(), key=lambda p: (p.name, p.pk))
    if lang == "ko":
        return " · ".join(p.name_hangul or p.name for p in people)
    return " · ".join(p.name for p in people)


def _picture_bytes(picture: Picture | None) -> bytes | None:
    if picture is None:
        return None
    try:
        with picture.file.open("rb") as file:
            return file.read()
    except FileNotFoundError:  # the file is gone: a card without a picture
        return None


def verdict_heading(rumor: Rumor) -> tuple[str, str, str]:
    """The label, its meaning and its colour, in the active language."""
    info = verdict_info(rumor.verdict)
    if info is None:
        return _("Under review"), _("No verdict yet: fans are weighing the evidence."), OPEN_COLOUR
    return str(info.label), str(info.meaning), info.colour


def _footer() -> str:
    tagline = _("Is it real? Settle it with evidence.")
    return f"진짜 Jinjja · {tagline}"


def rumor_card(*, rumor: Rumor, lang: str) -> Card:
    """What the rumor's card shows, in `lang`. Reads the frame's file when one may be shown."""
    with override(lang):
        heading, meaning, colour = verdict_heading(rumor)
        picture = rumor_card_picture(rumor=rumor)
        return Card(
            heading=heading,
            colour=colour,
            subheading=meaning,
            title=rumor.title,
            people=people_line(rumor, lang),
            footer=_footer(),
            frame=_picture_bytes(picture),
            frame_caption=picture.caption if picture else "",
        )


@dataclass(frozen=True)
class Share:
    """A page's link preview (og:*, twitter:*) and, for a rumor, its share buttons and embed."""

    url: str
    title: str
    description: str
    image: str
    image_alt: str
    x_url: str = ""
    facebook_url: str = ""
    line_url: str = ""
    oembed_url: str = ""


def _share_links(url: str, text: str) -> dict[str, str]:
    """The platforms' plain share URLs: no script of theirs runs on our pages."""
    return {
        "x_url": "https://twitter.com/intent/tweet?" + urlencode({"url": url, "text": text}),
        "facebook_url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "line_url": "https://social-plugins.line.me/lineit/share?" + urlencode({"url": url}),
    }


def rumor_share(*, rumor: Rumor) -> Share:
    """The rumor page's preview, in the reader's language: the verdict and its meaning first,
    then the claim, and the card (never the fake's frame) as its picture."""
    heading, meaning, _colour = verdict_heading(rumor)
    url = f"{settings.SITE_URL}{rumor.get_absolute_url()}"
    title = f"{heading}: {rumor.title}"
    claim = _("The claim:")
    description = f"{heading}: {meaning} {claim} {rumor.claim}"
    oembed = reverse("syndication:oembed") + "?" + urlencode({"url": url, "format": "json"})
    return Share(
        url=url,
        title=title,
        description=Truncator(" ".join(description.split())).chars(DESCRIPTION_LENGTH),
        image=rumor_card_url(rumor=rumor),
        image_alt=_("Verdict card: %(verdict)s, %(title)s")
        % {"verdict": heading, "title": rumor.title},
        oembed_url=f"{settings.SITE_URL}{oembed}",
        **_share_links(url, title),
    )


# --- Page cards: home, search, a person, a work -----------------------------------------------
PAGE_CARDS = ("home", "search")


def _in_reading_order(english: str, korean: str, lang: str) -> tuple[str, str]:
    """A name in the card's language first and in the other under it (either may be blank)."""
    first, second = (korean, english) if lang == "ko" else (english, korean)
    return (first, second) if first else (second, "")


def page_card(
    *, page: str, lang: str, person: Person | None = None, work: Work | None = None
) -> Card:
    """The card of the home or search page, or of a person's or a work's page, in `lang`."""
    with override(lang):
        about = _("Fans settle, with evidence, whether viral K-drama clips and rumors are real.")
        if person is not None:
            heading, title = _in_reading_order(person.name, person.name_hangul, lang)
            subheading = _("Rumors about this person, settled with evidence")
        elif work is not None:
            heading, title = _in_reading_order(work.title, work.title_korean, lang)
            subheading = _("Rumors about this drama, settled with evidence")
        elif page == "search":
            heading, subheading, title = _("Search"), _("Search rumors, actors and dramas"), about
        else:
            heading, subheading, title = (
                "진짜 Jinjja",
                _("Is it real? Settle it with evidence."),
                about,
            )
        return Card(heading, SITE_COLOUR, subheading, title, people="", footer=_footer())


def page_share(
    *, page: str, path: str, person: Person | None = None, work: Work | None = None
) -> Share:
    """The preview of the home, search, person or work page at `path`, in the reader's language."""
    lang = card_language()
    card = page_card(page=page, lang=lang, person=person, work=work)
    if person is not None:
        image = reverse("syndication:person_card", args=[person.slug, lang])
        title = f"{person.name} {person.name_hangul}".strip() + " · Jinjja"
    elif work is not None:
        image = reverse("syndication:work_card", args=[work.slug, lang])
        title = f"{work.title} {work.title_korean}".strip() + " · Jinjja"
    else:
        image = reverse("syndication:page_card", args=[page, lang])
        title = f"{card.heading} · Jinjja" if page == "search" else _("Jinjja: is it real?")
    return Share(
        url=f"{settings.SITE_URL}{path}",
        title=title,
        description=f"{card.heading} {card.title}".strip() + f": {card.subheading}."
        if person or work
        else f"{card.subheading} {card.title}",
        image=f"{settings.SITE_URL}{image}",
        image_alt=f"{card.heading}: {card.subheading}",
    )


# --- Embeds --------------------------------------------------------------------------------
def rumor_oembed(*, rumor: Rumor, maxwidth: int | None, maxheight: int | None) -> dict:
    """The oEmbed 1.0 answer for the rumor page: a `rich` embed of the verdict widget."""
    width = min(EMBED_WIDTH, maxwidth or EMBED_WIDTH)
    height = min(EMBED_HEIGHT, maxheight or EMBED_HEIGHT)
    share = rumor_share(rumor=rumor)
    src = f"{settings.SITE_URL}{reverse('rumors:embed', args=[rumor.pk])}"
    html = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" style="border:0" loading="lazy">'
        "</iframe>",
        src,
        width,
        height,
        share.title,
    )
    return {
        "version": "1.0",
        "type": "rich",
        "title": share.title,
        "provider_name": "Jinjja",
        "provider_url": f"{settings.SITE_URL}/",
        "html": str(html),
        "width": width,
        "height": height,
        "thumbnail_url": share.image,
        "thumbnail_width": cards.WIDTH,
        "thumbnail_height": cards.HEIGHT,
    }
