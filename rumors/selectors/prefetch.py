"""One prefetch spec per consumer of rumors: a card in a list, the rumor page, the API.

Each names what its templates or serializers read, so that they never query. The page and the
API share the spec of a rumor's sources, so the page's JSON-LD and the API's answer (and its
JSON-LD) list the same sources, in the same order.
"""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from rumors.models import Evidence, Person, Rumor, Source, VerdictVote, Work

# A viral clip collects thousands of re-uploads: the rumor page shows the first sources and
# links to the whole list, page by page.
RUMOR_PAGE_SOURCES = 10


def card() -> tuple[Prefetch, ...]:
    """What a rumor card shows beyond the row: its people and its first source's thumbnail."""
    return (
        Prefetch(
            "people",
            queryset=Person.objects.listed().only("id", "name", "name_hangul", "slug", "status"),
        ),
        Prefetch("sources", queryset=Source.objects.order_by("id")[:1], to_attr="card_sources"),
    )


def _with_link_flag(evidence: QuerySet[Evidence]) -> QuerySet[Evidence]:
    """Evidence, oldest first, with whether it rests on the rumor's own link, the media a
    verdict may debunk (rumors.media.media_debunked): in the same query, whatever the number
    of items."""
    return evidence.annotate(
        on_rumor_link=Exists(
            Rumor.sources.through.objects.filter(
                rumor_id=OuterRef("rumor_id"), source_id=OuterRef("source_id")
            )
        )
    ).order_by("created_at", "id")


def share_card() -> tuple:
    """What a rumor's share card reads, as the rumor page has it: its people, the sources the
    page shows and the accepted evidence (the page's evidence, less what only some see)."""
    return (
        Prefetch("people", queryset=Person.objects.listed()),
        Prefetch(
            "sources",
            queryset=Source.objects.order_by("id")[:RUMOR_PAGE_SOURCES],
            to_attr="source_list",
        ),
        Prefetch(
            "evidence",
            queryset=_with_link_flag(
                Evidence.objects.filter(status=Evidence.Status.ACCEPTED).select_related("source")
            ),
        ),
    )


def page(user) -> tuple:
    """The rumor page, for this reader: its first sources (their similar media come from
    selectors.similar_media_attach), the evidence the reader may see, the review rounds."""
    return (
        "people",
        "works",
        "rounds",
        Prefetch(
            "sources",
            queryset=Source.objects.order_by("id")[:RUMOR_PAGE_SOURCES],
            to_attr="source_list",
        ),
        Prefetch(
            "evidence",
            queryset=_with_link_flag(
                Evidence.objects.visible_to(user).select_related(
                    "source", "submitted_by", "reference__source", "matched_source"
                )
            ),
        ),
    )


def api() -> tuple[Prefetch, ...]:
    """The API's rumor. Prefetched into plain lists (to_attr): calling .all() on a prefetched
    manager clones a queryset each time, which was a quarter of the time of a page of 100."""
    return (
        Prefetch("people", queryset=Person.objects.order_by("name", "id"), to_attr="people_list"),
        Prefetch(
            "works", queryset=Work.objects.order_by("-year", "title", "id"), to_attr="works_list"
        ),
        Prefetch("sources", queryset=Source.objects.order_by("id"), to_attr="source_list"),
        Prefetch(
            "evidence",
            # With its link: whether that is withheld decides what the evidence may show.
            queryset=Evidence.objects.filter(status=Evidence.Status.ACCEPTED)
            .select_related("source", "reference__source", "matched_source")
            .order_by("created_at", "id"),
            to_attr="accepted_evidence",
        ),
        votes(),
    )


def votes() -> Prefetch:
    """The votes a tally counts."""
    return Prefetch(
        "votes",
        queryset=VerdictVote.objects.only("id", "rumor_id", "round", "verdict"),
        to_attr="all_votes",
    )
