"""Reads: these do the joins and prefetches so that templates and serializers never query."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from rumors import permissions
from rumors.models import Evidence, Person, Rumor, Source, TimelineEvent, VerdictVote, Work
from rumors.permissions import can_view_rumor
from rumors.verdicts import SCALE

# A viral clip collects thousands of re-uploads and events: the rumor page shows the first
# sources and the latest events, and links to the whole lists, page by page.
RUMOR_PAGE_SOURCES = 10
RUMOR_PAGE_EVENTS = 50
SOURCES_PER_PAGE = 25
EVENTS_PER_PAGE = 100


def _card_prefetches() -> tuple[Prefetch, ...]:
    """What a rumor card shows beyond the row: its people and its first source's thumbnail."""
    return (
        Prefetch("people", queryset=Person.objects.only("id", "name", "name_hangul", "slug")),
        Prefetch("sources", queryset=Source.objects.order_by("id")[:1], to_attr="card_sources"),
    )


def _rumor_rows(*, include_rejected: bool = False) -> QuerySet[Rumor]:
    qs = Rumor.objects.select_related("submitted_by")
    if not include_rejected:
        qs = qs.exclude(status=Rumor.Status.REJECTED)
    return qs.order_by("-created_at", "-id")


def rumor_list(*, include_rejected: bool = False) -> QuerySet[Rumor]:
    return _rumor_rows(include_rejected=include_rejected).prefetch_related(*_card_prefetches())


def rumor_get_for_user(*, pk: int, user: User) -> Rumor:
    """The rumor with everything its page shows, or 404 if this user may not see it."""
    rumor = (
        Rumor.objects.select_related("submitted_by")
        .prefetch_related(
            "people",
            "works",
            "rounds",
            Prefetch(
                "sources",
                queryset=Source.objects.order_by("id").prefetch_related("similar__rumors")[
                    :RUMOR_PAGE_SOURCES
                ],
                to_attr="source_list",
            ),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("source", "submitted_by").order_by(
                    "created_at", "id"
                ),
            ),
        )
        .annotate(source_count=_source_count())
        .filter(pk=pk)
        .first()
    )
    if rumor is None or not can_view_rumor(user, rumor):
        raise Http404("No such rumor.")
    return rumor


def _source_count() -> Coalesce:
    links = Rumor.sources.through.objects.filter(rumor_id=OuterRef("pk")).order_by()
    return Coalesce(Subquery(links.values("rumor_id").annotate(n=Count("*")).values("n")[:1]), 0)


def rumor_header_for_user(*, pk: int, user: User) -> Rumor:
    """The rumor alone (for the pages that list its sources or its events), or 404."""
    rumor = Rumor.objects.select_related("submitted_by").filter(pk=pk).first()
    if rumor is None or not can_view_rumor(user, rumor):
        raise Http404("No such rumor.")
    return rumor


def timeline_for(*, rumor: Rumor) -> QuerySet[TimelineEvent]:
    return rumor.events.select_related("actor", "source", "evidence").order_by("created_at", "id")


def timeline_latest(*, rumor: Rumor, limit: int = RUMOR_PAGE_EVENTS) -> tuple[list, bool]:
    """The rumor's latest `limit` events, oldest first, and whether earlier ones exist."""
    events = list(timeline_for(rumor=rumor).reverse()[: limit + 1])
    return events[:limit][::-1], len(events) > limit


def sources_for(*, rumor: Rumor) -> QuerySet[Source]:
    return rumor.sources.order_by("id").prefetch_related("similar__rumors")


def person_get(*, slug: str) -> Person:
    works = Work.objects.prefetch_related(
        Prefetch("cast", queryset=Person.objects.only("id", "name", "name_hangul", "slug"))
    )
    person = Person.objects.prefetch_related(Prefetch("works", queryset=works))
    person = person.filter(slug=slug).first()
    if person is None:
        raise Http404("No such person.")
    return person


def work_get(*, slug: str) -> Work:
    work = Work.objects.prefetch_related("cast").filter(slug=slug).first()
    if work is None:
        raise Http404("No such work.")
    return work


# --- Pages ----------------------------------------------------------------------------------
OPEN_STATUSES = (Rumor.Status.SUBMITTED, Rumor.Status.UNDER_REVIEW)


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
        "needing_evidence": rows.filter(status__in=OPEN_STATUSES, verdict="")
        .annotate(
            accepted_evidence=Count("evidence", filter=Q(evidence__status=Evidence.Status.ACCEPTED))
        )
        .order_by("accepted_evidence", "-created_at", "-id"),
        "latest": rows,
    }
    sections = {name: list(qs[:limit]) for name, qs in sections.items()}
    prefetch_related_objects(
        [r for rumors in sections.values() for r in rumors], *_card_prefetches()
    )
    return sections


def rumor_related(*, rumor: Rumor, limit: int = 5) -> QuerySet[Rumor]:
    """Other rumors about the same people. Reads rumor.people from its prefetch."""
    person_ids = [person.pk for person in rumor.people.all()]
    about_them = Rumor.people.through.objects.filter(person_id__in=person_ids).values("rumor_id")
    return rumor_list().filter(pk__in=about_them).exclude(pk=rumor.pk)[:limit]


def rumor_preview_image(*, rumor: Rumor) -> str:
    """The thumbnail a shared link may preview with: never one from sensitive media.

    Reads the rumor's first sources from its prefetch. Returns an absolute URL, or "" for none.
    """
    if rumor.is_sensitive:
        return ""
    for source in rumor.source_list:
        if source.thumbnail and not source.is_sensitive:
            return f"{settings.SITE_URL}{source.thumbnail.url}"
    return ""


@dataclass(frozen=True)
class VerdictCount:
    code: str
    label: str
    count: int


def verdict_breakdown(*, rumors: QuerySet[Rumor]) -> list[VerdictCount]:
    """How many of these rumors carry each verdict, in the scale's order; open ones last."""
    counts = dict(
        rumors.order_by().values_list("verdict").annotate(n=Count("id")).values_list("verdict", "n")
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


def rumor_verdicts_feed(*, person: Person | None = None, limit: int = 30) -> QuerySet[Rumor]:
    qs = Rumor.objects.exclude(verdict="").exclude(status=Rumor.Status.REJECTED)
    if person is not None:
        qs = qs.filter(people=person)
    return qs.order_by("-verdict_reached_at", "-id")[:limit]


def person_suggest(*, q: str, limit: int = 8) -> list[Person]:
    """People whose romanized or Hangul name contains q, for the submit form's actor field."""
    q = q.strip()
    if not q:
        return []
    qs = Person.objects.filter(Q(name__icontains=q) | Q(name_hangul__icontains=q))
    return list(qs.order_by("name")[:limit])


PAGES_STAMP_KEY = "pages:stamp"
# How long a reader may trust the stamp kept in the cache. Writers refresh it as they commit, so
# this only bounds the rare race in which a reader stores a stamp read just before a commit.
PAGES_STAMP_SECONDS = 10


def pages_stamp() -> str:
    """Changes whenever any rumor has activity: part of every anonymous page-cache key.

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


# --- Search ---------------------------------------------------------------------------------
@dataclass
class SearchResults:
    rumors: list[Rumor]
    people: list[Person]
    works: list[Work]

    @property
    def total(self) -> int:
        return len(self.rumors) + len(self.people) + len(self.works)


def search(*, q: str, verdict: str = "", status: str = "", limit: int = 30) -> SearchResults:
    """Rumors, people and works matching q, rumors narrowed by verdict and status.

    On PostgreSQL, full-text search with the 'simple' configuration: Korean has no stemmer
    there, and 'simple' keeps Hangul words whole instead of dropping them. A Hangul name typed
    with a particle attached (김다미가) or only in part is still found by the substring match on
    names and titles that runs beside it. Elsewhere (SQLite), substring matches only.
    """
    q = q.strip()
    rumors = rumor_list()
    if verdict:
        rumors = rumors.filter(verdict=verdict)
    if status:
        rumors = rumors.filter(status=status)
    if not q:
        # Filters alone browse the rumors; nothing at all shows nothing.
        return SearchResults(list(rumors[:limit]) if verdict or status else [], [], [])
    people_match = Q(name__icontains=q) | Q(name_hangul__icontains=q)
    works_match = Q(title__icontains=q) | Q(title_korean__icontains=q)
    people, works = Person.objects.all(), Work.objects.all()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        query = SearchQuery(q, config="simple", search_type="websearch")
        document = SearchVector("title", weight="A", config="simple") + SearchVector(
            "claim", weight="B", config="simple"
        )
        people = people.annotate(
            document=SearchVector("name", "name_hangul", "agency", config="simple")
        )
        works = works.annotate(document=SearchVector("title", "title_korean", config="simple"))
        people_match |= Q(document=query)
        works_match |= Q(document=query)
        rumors = rumors.annotate(document=document, rank=SearchRank(document, query))
        rumor_match = Q(document=query)
        ordering = ("-rank", "-created_at", "-id")
    else:
        rumor_match = Q()
        ordering = ("-created_at", "-id")
    people, works = people.filter(people_match), works.filter(works_match)
    about_people = Rumor.people.through.objects.filter(person__in=people.values("pk")).values(
        "rumor_id"
    )
    rumor_match |= Q(title__icontains=q) | Q(claim__icontains=q) | Q(pk__in=about_people)
    return SearchResults(
        rumors=list(rumors.filter(rumor_match).order_by(*ordering)[:limit]),
        people=list(people.order_by("name")[:limit]),
        works=list(works.order_by("-year", "title")[:limit]),
    )


# --- Moderation ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TallyRow:
    code: str
    label: str
    count: int


@dataclass
class RoundView:
    number: int
    verdict: str
    is_disputed: bool
    reopen_reason: str
    tally: list[TallyRow]
    votes: list  # VerdictVote rows, shown only once the round has a verdict


@dataclass
class RumorModeration:
    """What the rumor page shows of evidence and votes, for one reader."""

    current: RoundView
    earlier_rounds: list[RoundView]
    evidence_by_stance: list[tuple[str, list[Evidence]]]
    proposals: list[Evidence]  # awaiting a moderator: shown to moderators and their proposer
    my_vote: VerdictVote | None
    can_vote: bool
    can_add_evidence: bool
    can_propose_evidence: bool
    can_reopen: bool
    can_moderate: bool
    quorum: int = settings.VERDICT_QUORUM
    majority_percent: int = round(settings.VERDICT_SUPERMAJORITY * 100)


def _tally(votes) -> list[TallyRow]:
    counts: dict[str, int] = {}
    for vote in votes:
        counts[vote.verdict] = counts.get(vote.verdict, 0) + 1
    return [
        TallyRow(code, info.label, counts[code]) for code, info in SCALE.items() if counts.get(code)
    ]


def rumor_moderation(*, rumor: Rumor, user: User) -> RumorModeration:
    """Evidence grouped by stance, the tally of each round, and what this reader may do.

    Expects `rumor` from rumor_get_for_user (evidence prefetched); adds two queries.
    """
    votes = list(
        VerdictVote.objects.filter(rumor=rumor).select_related("moderator").order_by("created_at")
    )
    rounds = {r.number: r for r in rumor.rounds.all()}
    views = []
    for number in range(1, rumor.review_round + 1):
        round_ = rounds.get(number)
        round_votes = [v for v in votes if v.round == number]
        verdict = round_.verdict if round_ else ""
        views.append(
            RoundView(
                number=number,
                verdict=verdict,
                is_disputed=bool(round_ and round_.is_disputed),
                reopen_reason=round_.reopen_reason if round_ else "",
                tally=_tally(round_votes),
                votes=round_votes if verdict else [],
            )
        )
    moderator = permissions.can_moderate(user)
    accepted = [e for e in rumor.evidence.all() if e.status == Evidence.Status.ACCEPTED]
    proposals = [
        e
        for e in rumor.evidence.all()
        if e.status == Evidence.Status.PROPOSED
        and (moderator or (user.is_authenticated and e.submitted_by_id == user.pk))
    ]
    groups = [
        (label, [e for e in accepted if e.stance == stance])
        for stance, label in Evidence.Stance.choices
    ]
    my_vote = next(
        (v for v in votes if v.round == rumor.review_round and v.moderator_id == user.pk), None
    )
    return RumorModeration(
        current=views[-1],
        earlier_rounds=views[:-1],
        evidence_by_stance=[(label, items) for label, items in groups if items],
        proposals=proposals,
        my_vote=my_vote,
        can_vote=permissions.can_vote(user, rumor),
        can_add_evidence=permissions.can_add_evidence(user, rumor),
        can_propose_evidence=permissions.can_propose_evidence(user, rumor),
        can_reopen=permissions.can_reopen(user, rumor),
        can_moderate=moderator,
    )


QUEUE_FILTERS = ("needs_evidence", "needs_votes", "disputed")


def moderation_queue(*, filter: str = "") -> QuerySet[Rumor]:
    """Rumors awaiting review, oldest first, with their evidence and current-round vote counts."""
    qs = (
        Rumor.objects.filter(status__in=[Rumor.Status.SUBMITTED, Rumor.Status.UNDER_REVIEW])
        .select_related("submitted_by")
        .prefetch_related(Prefetch("people", queryset=Person.objects.only("id", "name", "slug")))
        .annotate(
            evidence_count=Count(
                "evidence",
                filter=Q(evidence__status=Evidence.Status.ACCEPTED),
                distinct=True,
            ),
            proposal_count=Count(
                "evidence",
                filter=Q(evidence__status=Evidence.Status.PROPOSED),
                distinct=True,
            ),
            vote_count=Count("votes", filter=Q(votes__round=F("review_round")), distinct=True),
        )
        .order_by("created_at", "id")
    )
    if filter == "needs_evidence":
        qs = qs.filter(evidence_count=0)
    elif filter == "needs_votes":
        qs = qs.filter(vote_count__lt=settings.VERDICT_QUORUM, is_disputed=False)
    elif filter == "disputed":
        qs = qs.filter(is_disputed=True)
    return qs
