"""Reads of people, works and sources, for the pages and the API."""

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from accounts.models import User
from rumors.models import Evidence, Person, Rumor, Source, Work
from rumors.permissions import can_view_evidence, can_view_rumor, is_moderator
from rumors.selectors.search import person_search


def person_get(*, slug: str) -> Person:
    """A listed person's page (a proposal has none until it is approved), or 404."""
    works = Work.objects.listed().prefetch_related(
        Prefetch("cast", queryset=Person.objects.listed().only("id", "name", "name_hangul", "slug"))
    )
    person = Person.objects.listed().prefetch_related(Prefetch("works", queryset=works))
    person = person.filter(slug=slug).first()
    if person is None:
        raise Http404("No such person.")
    return person


def work_get(*, slug: str) -> Work:
    cast = Prefetch("cast", queryset=Person.objects.listed())
    work = Work.objects.listed().prefetch_related(cast).filter(slug=slug).first()
    if work is None:
        raise Http404("No such work.")
    return work


def person_suggest(*, q: str, limit: int = 8) -> list[Person]:
    """The people q names (as search finds them), for the submit form's actor field."""
    return list(person_search(Person.objects.listed(), q)[:limit])


def _public_rumor_count() -> Count:
    return Count("rumors", filter=Rumor.public_q(prefix="rumors__"), distinct=True)


def api_person_list() -> QuerySet[Person]:
    return (
        Person.objects.listed().annotate(rumor_count=_public_rumor_count()).order_by("name", "id")
    )


def api_person_get(*, slug: str) -> Person:
    person = (
        api_person_list()
        .prefetch_related(
            Prefetch("works", queryset=Work.objects.listed().order_by("-year", "title"))
        )
        .filter(slug=slug)
        .first()
    )
    if person is None:
        raise Http404("No such person.")
    return person


def api_work_list() -> QuerySet[Work]:
    return (
        Work.objects.listed()
        .annotate(rumor_count=_public_rumor_count())
        .prefetch_related(Prefetch("cast", queryset=Person.objects.listed().order_by("name", "id")))
        .order_by("-year", "title", "id")
    )


def api_work_get(*, slug: str) -> Work:
    work = api_work_list().filter(slug=slug).first()
    if work is None:
        raise Http404("No such work.")
    return work


def catalog_proposals() -> tuple[list[Person], list[Work]]:
    """The people and works members proposed, oldest first, with who proposed them and the
    rumors they were proposed for (the moderation queue)."""
    rumors = Prefetch("rumors", queryset=Rumor.objects.order_by("id").only("id", "slug", "title"))
    people = Person.objects.proposed().select_related("proposed_by").prefetch_related(rumors)
    works = Work.objects.proposed().select_related("proposed_by").prefetch_related(rumors)
    return list(people.order_by("created_at", "id")), list(works.order_by("created_at", "id"))


def catalog_entry_for_review(*, model, slug: str, user: User) -> Person | Work:
    """A person or work by slug for a moderator's decision: moderators find proposals too,
    everyone else only listed rows (a proposal is unseen: 404)."""
    rows = model.objects.all() if is_moderator(user) else model.objects.listed()
    entry = rows.filter(slug=slug).first()
    if entry is None:
        raise Http404("No such person or work.")
    return entry


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
