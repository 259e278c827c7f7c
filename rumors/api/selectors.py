"""Reads for the API. Each does every join and prefetch its serializer needs, so that a list
costs the same number of queries whatever its page size."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from rumors.models import Evidence, Person, Rumor, Source, TimelineEvent, VerdictVote, Work
from rumors.permissions import can_view_rumor

VISIBLE = ~Q(status=Rumor.Status.REJECTED)


def _rumor_queryset() -> QuerySet[Rumor]:
    # Prefetched into plain lists (to_attr): calling .all() on a prefetched manager clones a
    # queryset each time, which was a quarter of the time of a page of 100 rumors.
    return Rumor.objects.prefetch_related(
        Prefetch("people", queryset=Person.objects.order_by("name", "id"), to_attr="people_list"),
        Prefetch(
            "works", queryset=Work.objects.order_by("-year", "title", "id"), to_attr="works_list"
        ),
        Prefetch("sources", queryset=Source.objects.order_by("id"), to_attr="source_list"),
        Prefetch(
            "evidence",
            queryset=Evidence.objects.filter(status=Evidence.Status.ACCEPTED).order_by(
                "created_at", "id"
            ),
            to_attr="accepted_evidence",
        ),
        Prefetch(
            "votes",
            queryset=VerdictVote.objects.only("id", "rumor_id", "round", "verdict"),
            to_attr="all_votes",
        ),
    )


def api_rumor_list() -> QuerySet[Rumor]:
    """Rumors everyone may see (rejected ones are spam), newest first."""
    return _rumor_queryset().filter(VISIBLE).order_by("-created_at", "-id")


def api_rumor_get(*, pk: int, user) -> Rumor:
    rumor = _rumor_queryset().filter(pk=pk).first()
    if rumor is None or not can_view_rumor(user, rumor):
        raise Http404("No such rumor.")
    return rumor


def api_vote_id(*, moderator, rumor: Rumor) -> int | None:
    """The id of the moderator's vote in the rumor's current round, if any."""
    return (
        VerdictVote.objects.filter(
            rumor_id=rumor.pk, moderator=moderator, round=F("rumor__review_round")
        )
        .values_list("id", flat=True)
        .first()
    )


def api_vote_rumor(*, pk: int) -> Rumor:
    """A rumor as it stands after a vote, with the votes its tally counts."""
    return Rumor.objects.prefetch_related(
        Prefetch(
            "votes",
            queryset=VerdictVote.objects.only("id", "rumor_id", "round", "verdict"),
            to_attr="all_votes",
        )
    ).get(pk=pk)


@dataclass(frozen=True)
class Validators:
    """What a conditional GET compares: changes whenever the response may change."""

    etag: str
    last_modified: datetime


def api_rumor_head(*, pk: int, user) -> Rumor:
    """Just enough of a rumor to check access and answer a conditional GET: one small query."""
    rumor = (
        Rumor.objects.only("id", "status", "submitted_by_id", "updated_at", "last_activity_at")
        .filter(pk=pk)
        .first()
    )
    if rumor is None or not can_view_rumor(user, rumor):
        raise Http404("No such rumor.")
    return rumor


def rumor_validators(rumor: Rumor) -> Validators:
    """Edits bump updated_at; every timeline event bumps last_activity_at."""
    return Validators(
        etag=f"rumor-{rumor.pk}-{rumor.updated_at.timestamp()}-{rumor.last_activity_at.timestamp()}",
        last_modified=max(rumor.updated_at, rumor.last_activity_at),
    )


def api_timeline_validators(*, until: datetime) -> Validators | None:
    """The newest event of the stream: the stream cannot change without a new one."""
    newest = (
        TimelineEvent.objects.filter(created_at__lte=until)
        .order_by("-created_at", "-id")
        .values("id", "created_at")
        .first()
    )
    if newest is None:
        return None
    return Validators(
        etag=f"timeline-{newest['id']}-{newest['created_at'].timestamp()}",
        last_modified=newest["created_at"],
    )


def api_rumor_timeline(*, rumor: Rumor) -> QuerySet[TimelineEvent]:
    """Expects a rumor the user may see (from api_rumor_head)."""
    return (
        TimelineEvent.objects.filter(rumor=rumor)
        .select_related("actor", "rumor")
        .order_by("created_at", "id")
    )


def api_timeline(*, until: datetime) -> QuerySet[TimelineEvent]:
    """Events up to `until` on rumors everyone may see; the paginator sets the order.

    An event's time is taken before its transaction commits, so a slow writer can commit an
    event older than one already served. Serving only events older than a settling delay
    (`until`) is what lets a poller never miss one.
    """
    return TimelineEvent.objects.filter(
        created_at__lte=until, rumor__in=Rumor.objects.filter(VISIBLE)
    ).select_related("actor", "rumor")


def _visible_rumor_count() -> Count:
    return Count("rumors", filter=~Q(rumors__status=Rumor.Status.REJECTED), distinct=True)


def api_person_list() -> QuerySet[Person]:
    return Person.objects.annotate(rumor_count=_visible_rumor_count()).order_by("name", "id")


def api_person_get(*, slug: str) -> Person:
    person = (
        api_person_list()
        .prefetch_related(Prefetch("works", queryset=Work.objects.order_by("-year", "title")))
        .filter(slug=slug)
        .first()
    )
    if person is None:
        raise Http404("No such person.")
    return person


def api_work_list() -> QuerySet[Work]:
    return (
        Work.objects.annotate(rumor_count=_visible_rumor_count())
        .prefetch_related(Prefetch("cast", queryset=Person.objects.order_by("name", "id")))
        .order_by("-year", "title", "id")
    )


def api_work_get(*, slug: str) -> Work:
    work = api_work_list().filter(slug=slug).first()
    if work is None:
        raise Http404("No such work.")
    return work


def api_source_get(*, pk: int, user) -> Source:
    """A source, with the rumors it belongs to that this user may see; 404 if there are none."""
    source = (
        Source.objects.prefetch_related(
            Prefetch("rumors", queryset=Rumor.objects.order_by("created_at", "id")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("rumor")),
        )
        .filter(pk=pk)
        .first()
    )
    if source is None:
        raise Http404("No such source.")
    related = {r.pk: r for r in source.rumors.all()}
    related.update({e.rumor.pk: e.rumor for e in source.evidence.all()})
    source.visible_rumors = sorted(
        (r for r in related.values() if can_view_rumor(user, r)), key=lambda r: r.pk
    )
    if not source.visible_rumors:
        raise Http404("No such source.")
    return source
