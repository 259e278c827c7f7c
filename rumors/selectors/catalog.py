"""Reads of people, works and sources, for the pages and the API."""

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from accounts.models import User
from rumors.models import Evidence, Person, Rumor, Source, Work
from rumors.permissions import can_view_evidence, can_view_rumor
from rumors.selectors.search import person_search


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


def person_suggest(*, q: str, limit: int = 8) -> list[Person]:
    """The people q names (as search finds them), for the submit form's actor field."""
    return list(person_search(Person.objects.all(), q)[:limit])


def _public_rumor_count() -> Count:
    return Count("rumors", filter=Rumor.public_q(prefix="rumors__"), distinct=True)


def api_person_list() -> QuerySet[Person]:
    return Person.objects.annotate(rumor_count=_public_rumor_count()).order_by("name", "id")


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
        Work.objects.annotate(rumor_count=_public_rumor_count())
        .prefetch_related(Prefetch("cast", queryset=Person.objects.order_by("name", "id")))
        .order_by("-year", "title", "id")
    )


def api_work_get(*, slug: str) -> Work:
    work = api_work_list().filter(slug=slug).first()
    if work is None:
        raise Http404("No such work.")
    return work


def api_source_get(*, pk: int, user: User) -> Source:
    """A source, with the rumors this user may see it on (as their link, or as evidence the
    user may see); 404 if there are none.

    `source.media_rumors` holds every rumor the source bears on, seen or not: whether its
    media may be shown depends on all of them.
    """
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
    seen = {r.pk: r for r in related.values() if can_view_rumor(user, r)}
    for evidence in source.evidence.all():
        related.setdefault(evidence.rumor.pk, evidence.rumor)
        if can_view_evidence(user, evidence) and can_view_rumor(user, evidence.rumor):
            seen.setdefault(evidence.rumor.pk, evidence.rumor)
    if not seen:
        raise Http404("No such source.")
    source.visible_rumors = sorted(seen.values(), key=lambda r: r.pk)
    source.media_rumors = list(related.values())
    return source
