"""Search: rumors, people and works by what fans type."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from rumors.models import Person, Rumor, Work
from rumors.selectors.rumors import rumor_list


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
