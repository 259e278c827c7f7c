"""Reads of rumors: pages, feeds and the API. Every list starts from Rumor.objects.public()
and every single rumor from permissions.can_view_rumor, so a hidden rumor is hidden everywhere
at once."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import Resolver404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from config.languages import resolve_site_path
from rumors.fetchers.linkkeys import link_key
from rumors.fetchers.urls import InvalidURL
from rumors.media import media_withheld
from rumors.models import Evidence, Person, Rumor, Source, SourceKey, Work
from rumors.permissions import can_read_held, can_view_rumor
from rumors.selectors import prefetch
from rumors.selectors.media_links import similar_media_attach
from rumors.verdicts import SCALE


def _rumor_rows() -> QuerySet[Rumor]:
    return Rumor.objects.public().select_related("submitted_by").order_by("-created_at", "-id")


def rumor_list() -> QuerySet[Rumor]:
    """Public rumors as cards, newest first."""
    return _rumor_rows().prefetch_related(*prefetch.card())


class RumorHeld(Exception):
    """The rumor is held while it is reviewed: its pages answer 451 with a notice (the web's
    rumors.middleware, the API's exception handler)."""

    def __init__(self, rumor: Rumor):
        super().__init__(f"Rumor {rumor.pk} is held.")
        self.rumor = rumor


class RumorMerged(Exception):
    """The rumor was merged into another: its pages send everyone there (301 on the web; the
    API answers with `merged_into`)."""

    def __init__(self, rumor: Rumor):
        super().__init__(f"Rumor {rumor.pk} was merged into {rumor.merged_into_id}.")
        self.rumor = rumor


def _or_404(rumor: Rumor | None, user) -> Rumor:
    """The rumor if this user may see it; RumorMerged for a merged one, to everyone;
    RumorHeld (451) for a held one, to all but moderators; else 404."""
    if rumor is None:
        raise Http404("No such rumor.")
    if rumor.is_merged:
        raise RumorMerged(rumor)
    if not rumor.is_rejected and not can_read_held(user, rumor):
        raise RumorHeld(rumor)
    if not can_view_rumor(user, rumor):
        raise Http404("No such rumor.")
    return rumor


def rumor_get_for_user(*, pk: int, user: User) -> Rumor:
    """The rumor with everything its page shows, or 404 if this user may not see it."""
    rumor = (
        Rumor.objects.select_related("submitted_by")
        .prefetch_related(*prefetch.page(user))
        .annotate(source_count=_source_count())
        .filter(pk=pk)
        .first()
    )
    rumor = _or_404(rumor, user)
    similar_media_attach(sources=rumor.source_list, user=user)
    return rumor


def _source_count() -> Coalesce:
    links = Rumor.sources.through.objects.filter(rumor_id=OuterRef("pk")).order_by()
    return Coalesce(Subquery(links.values("rumor_id").annotate(n=Count("*")).values("n")[:1]), 0)


def rumor_header_for_user(*, pk: int, user: User) -> Rumor:
    """The rumor alone (for the pages that list its sources or its events), or 404."""
    return _or_404(Rumor.objects.select_related("submitted_by").filter(pk=pk).first(), user)


SOURCES_PER_PAGE = 25


def sources_for(*, rumor: Rumor, user: User) -> QuerySet[Source]:
    return rumor.sources.order_by("id")


def rumor_source_get(*, rumor: Rumor, pk: int) -> Source:
    """One of the rumor's own links (a rumor the caller checked this reader may see), or 404."""
    source = rumor.sources.filter(pk=pk).first()
    if source is None:
        raise Http404("No such source on this rumor.")
    return source


def rumor_for_source(*, source: Source, user: User) -> Rumor | None:
    """The rumor a link already belongs to, as far as this user may know: a public one, or
    one of their own. A link whose rumors were all rejected as spam by others looks to
    everyone else like a link never submitted, so that a real report of it can still be made."""
    rumors = source.rumors.order_by("created_at", "id")
    existing = rumors.public().first()
    if existing is None and user.is_authenticated:
        existing = rumors.filter(submitted_by=user).first()
    return existing


def source_for_key(*, key: str) -> Source | None:
    """The source a link key names (rumors/fetchers/linkkeys.py), if any."""
    return Source.objects.filter(keys__key=key).first()


def link_key_or_none(url: str) -> str | None:
    """The key of a link typed by someone; None for something that is not a link."""
    try:
        return link_key(url)
    except InvalidURL:
        return None


def rumor_for_link(*, url: str, user: User) -> Rumor | None:
    """The rumor a link (or another address of what it points to) already belongs to, as
    rumor_for_source tells it to this user; the one with its verdict for the submit form."""
    key = link_key_or_none(url)
    source = source_for_key(key=key) if key else None
    return rumor_for_source(source=source, user=user) if source else None


def rumor_page_for_url(url: str) -> tuple[int, str]:
    """The id of the rumor whose page `url` is (on this site, with a language prefix or
    without) and the language to answer in: the prefix's, or the reader's. Http404 otherwise."""
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    if (parts.scheme, parts.netloc.lower()) != (site.scheme, site.netloc.lower()):
        raise Http404("Not a page of this site.")
    try:
        match, language = resolve_site_path(quote(parts.path))
    except Resolver404 as exc:
        raise Http404("No such page.") from exc
    if match.view_name not in ("rumors:detail", "rumors:detail_slug"):
        raise Http404("Not a rumor page.")
    return match.kwargs["pk"], language


def _own_page_rumor_pk(url: str) -> int | None:
    try:
        return rumor_page_for_url(url)[0]
    except Http404:
        return None


@dataclass(frozen=True)
class LinkLookup:
    """What Jinjja knows of one link: its key (None for something that is not a link) and the
    rumor it belongs to, as rumor_for_source tells it to this reader (None if unknown)."""

    url: str
    key: str | None
    rumor: Rumor | None


def rumors_for_links(*, urls: list[str], user: User) -> list[LinkLookup]:
    """rumor_for_link for many links at once, in a fixed number of queries whatever their
    number: the keys, the rumors those sources belong to (public ones first, then the
    reader's own), and what their share cards show; nothing per link."""
    keys = [link_key_or_none(url) for url in urls]
    source_of = dict(
        SourceKey.objects.filter(key__in={key for key in keys if key}).values_list(
            "key", "source_id"
        )
    )
    shown = Rumor.public_q()
    if user.is_authenticated:
        shown |= Q(submitted_by=user)
    rows = (
        Rumor.objects.filter(shown, sources__in=set(source_of.values()))
        .annotate(link_id=F("sources__id"))
        .order_by("created_at", "id")
    )
    best: dict[int, Rumor] = {}
    for rumor in rows:
        held = best.get(rumor.link_id)
        # The first public rumor of a link; the reader's own only if none is public.
        if held is None or (not held.is_public and rumor.is_public):
            best[rumor.link_id] = rumor
    # A Jinjja rumor page's own address (with a language prefix or without) finds that rumor.
    own_pks = [_own_page_rumor_pk(url) for url in urls]
    own = {rumor.pk: rumor for rumor in Rumor.objects.filter(shown, pk__in=set(own_pks) - {None})}
    # What their share cards show (the card's URL carries its version).
    prefetch_related_objects([*best.values(), *own.values()], *prefetch.share_card())
    return [
        LinkLookup(
            url=url,
            key=key,
            rumor=own.get(own_pk) if own_pk else best.get(source_of.get(key)) if key else None,
        )
        for url, key, own_pk in zip(urls, keys, own_pks, strict=True)
    ]


def rumor_home(*, limit: int = 6, trending_days: int = 7) -> dict[str, list[Rumor]]:
    """The home page's sections, with one prefetch shared by all of them.

    - latest_verdicts: the verdicts reached last;
    - trending: the most timeline events in the last `trending_days` days;
    - needing_evidence: open rumors without a verdict, the least accepted evidence first;
    - latest: the rumors submitted last.
    """
    since = timezone.now() - timedelta(days=trending_days)
    rows = _rumor_rows()
    sections = {
        "latest_verdicts": rows.exclude(verdict="").order_by("-verdict_reached_at", "-id"),
        "trending": rows.filter(last_activity_at__gte=since)
        .annotate(recent_events=Count("events", filter=Q(events__created_at__gte=since)))
        .filter(recent_events__gt=0)
        .order_by("-recent_events", "-last_activity_at", "-id"),
        "needing_evidence": rows.filter(status__in=Rumor.OPEN_STATUSES, verdict="")
        .annotate(
            accepted_evidence=Count("evidence", filter=Q(evidence__status=Evidence.Status.ACCEPTED))
        )
        .order_by("accepted_evidence", "-created_at", "-id"),
        "latest": rows,
    }
    sections = {name: list(qs[:limit]) for name, qs in sections.items()}
    prefetch_related_objects([r for rumors in sections.values() for r in rumors], *prefetch.card())
    return sections


def rumor_related(*, rumor: Rumor, limit: int = 5) -> QuerySet[Rumor]:
    """Other rumors about the same people. Reads rumor.people from its prefetch."""
    person_ids = [person.pk for person in rumor.people.all()]
    about_them = Rumor.people.through.objects.filter(person_id__in=person_ids).values("rumor_id")
    return rumor_list().filter(pk__in=about_them).exclude(pk=rumor.pk)[:limit]


def rumor_first_post(*, rumor: Rumor) -> Source | None:
    """The source that says it was posted first: the earliest `published_at` among the
    sources the rumor page shows (its first RUMOR_PAGE_SOURCES, from the prefetch), leaving
    out the withheld ones, whose account and date are not shown. None when no source gives a
    date."""
    dated = [s for s in rumor.source_list if s.published_at and not media_withheld(s)]
    return min(dated, key=lambda s: (s.published_at, s.pk), default=None)


@dataclass(frozen=True)
class VerdictCount:
    code: str
    label: str
    count: int


def verdict_breakdown(*, rumors: QuerySet[Rumor]) -> list[VerdictCount]:
    """How many of these rumors carry each verdict, in the scale's order; open ones last.
    Counts public rumors only, whatever `rumors` holds."""
    counts = dict(
        rumors.public()
        .order_by()
        .values_list("verdict")
        .annotate(n=Count("id"))
        .values_list("verdict", "n")
    )
    rows = [
        VerdictCount(code, info.label, counts[code])
        for code, info in SCALE.items()
        if counts.get(code)
    ]
    if counts.get(""):
        rows.append(VerdictCount("", _("No verdict yet"), counts[""]))
    return rows


def person_rumors(*, person: Person, limit: int = 50) -> QuerySet[Rumor]:
    return rumor_list().filter(people=person)[:limit]


def work_rumors(*, work: Work, limit: int = 50) -> QuerySet[Rumor]:
    return rumor_list().filter(works=work)[:limit]


def member_rumors(*, member: User, limit: int = 50) -> QuerySet[Rumor]:
    """What a member's public profile lists: their public rumors."""
    return _rumor_rows().filter(submitted_by=member)[:limit]


def rumor_verdicts_feed(*, person: Person | None = None, limit: int = 30) -> QuerySet[Rumor]:
    qs = Rumor.objects.public().exclude(verdict="")
    if person is not None:
        qs = qs.filter(people=person)
    return qs.order_by("-verdict_reached_at", "-id")[:limit]


# --- The API ----------------------------------------------------------------------------------
def api_rumor_list() -> QuerySet[Rumor]:
    """Public rumors, newest first."""
    return Rumor.objects.public().prefetch_related(*prefetch.api()).order_by("-created_at", "-id")


def api_rumor_get(*, pk: int, user) -> Rumor:
    return _or_404(Rumor.objects.prefetch_related(*prefetch.api()).filter(pk=pk).first(), user)


def api_rumor_head(*, pk: int, user) -> Rumor:
    """Just enough of a rumor to check access and answer a conditional GET: one small query."""
    rumor = (
        Rumor.objects.only(
            "id",
            "status",
            "merged_into_id",
            "held_until",
            "submitted_by_id",
            "updated_at",
            "last_activity_at",
            "is_sensitive",
        )
        .filter(pk=pk)
        .first()
    )
    return _or_404(rumor, user)


@dataclass(frozen=True)
class Validators:
    """What a conditional GET compares: changes whenever the response may change."""

    etag: str
    last_modified: datetime


def rumor_validators(rumor: Rumor) -> Validators:
    """Edits bump updated_at; every timeline event bumps last_activity_at."""
    return Validators(
        etag=f"rumor-{rumor.pk}-{rumor.updated_at.timestamp()}-{rumor.last_activity_at.timestamp()}",
        last_modified=max(rumor.updated_at, rumor.last_activity_at),
    )


def rumor_live_status(*, pk: int, user) -> dict:
    """What a rumor page polls to know it changed (`/rumors/<id>/status.json`): the rumor's
    state and its first links' fetch states, for anyone who may see the page; two small
    queries. Any vote, fetch or verdict moves `changed_at` (the timeline marks the rumor
    active)."""
    rumor = api_rumor_head(pk=pk, user=user)
    row = Rumor.objects.filter(pk=rumor.pk).values("verdict", "review_round").get()
    sources = (
        Source.objects.filter(rumors=rumor)
        .order_by("id")
        .values_list("id", "fetch_state")[: prefetch.RUMOR_PAGE_SOURCES]
    )
    return {
        "id": rumor.pk,
        "status": rumor.status,
        "verdict": row["verdict"] or None,
        "round": row["review_round"],
        "changed_at": rumor.last_activity_at.isoformat() if rumor.last_activity_at else None,
        "sources": [{"id": pk, "state": state} for pk, state in sources],
    }
