"""Search: rumors, people and works by what fans type. The site's search page, the API's `q`
on rumors/, people/ and works/, and the submit form's people suggestions all call these.

A query is cut into words and each word into terms (rumors.textsearch); the stored text was
cut the same way when it was written (services/search_index.py). A rumor scores one point
for each query word it matches, by its own text, by a person or work it is about (through
any of their names), or by its verdict (verdicts.SEARCH_WORDS); the best scores come first,
and a word that matches nothing lowers no one's score. Terms are compared by equality on
indexed tables, so PostgreSQL and SQLite give the same answers.
"""

import difflib
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from rumors import textsearch
from rumors.models import NameTerm, Person, Rumor, SearchTerm, Work
from rumors.selectors.rumors import rumor_list
from rumors.verdicts import SEARCH_WORDS

# A word this short in Latin letters is only matched whole (AI); longer words and Hangul also
# find the names they begin (Par → Park Seo-joon, 김다 → 김다미), for typing as you go.
PREFIX_MIN_LATIN = 3
# How many of the newest rumors each way of matching a word contributes (see _word_rumor_ids).
CANDIDATES_PER_SOURCE = 200
SUGGESTIONS = 3


def dictionary_names() -> list[str]:
    """The Hangul names the analyser must never split (rumors.apps hands it this)."""
    names = []
    for name, aliases in Person.objects.listed().values_list("name_hangul", "aliases"):
        names += [name, *aliases.splitlines()]
    for title, aliases in Work.objects.listed().values_list("title_korean", "aliases"):
        names += [title, *aliases.splitlines()]
    return names


def _verdict_words() -> dict[str, set[str]]:
    words: dict[str, set[str]] = {}
    for verdict, spellings in SEARCH_WORDS.items():
        for spelling in spellings:
            key = (
                spelling if textsearch.HANGUL.search(spelling) else textsearch.fold_latin(spelling)
            )
            words.setdefault(key, set()).add(str(verdict))
    return words


@dataclass
class QueryWord:
    terms: frozenset[str]
    prefix: str
    verdicts: frozenset[str]
    people: set[int] = field(default_factory=set)
    works: set[int] = field(default_factory=set)


def _prefix(terms: frozenset[str]) -> str:
    """The longest term, if long enough to look names up by how they begin."""
    longest = max(terms, key=len)
    if textsearch.HANGUL.search(longest) or len(longest) >= PREFIX_MIN_LATIN:
        return longest
    return ""


def parse_query(q: str) -> list[QueryWord]:
    """The query's words with the verdicts and the people and works each one names (one
    query on the name terms for all the words)."""
    by_term = _verdict_words()
    words = []
    for terms in textsearch.query_words(q):
        verdicts = frozenset(v for term in terms for v in by_term.get(term, ()))
        words.append(QueryWord(terms=terms, prefix=_prefix(terms), verdicts=verdicts))
    if not words:
        return words
    names = Q(term__in={t for w in words for t in w.terms})
    for word in words:
        if word.prefix:
            names |= Q(term__startswith=word.prefix)
    for term, person, work in NameTerm.objects.filter(names).values_list(
        "term", "person_id", "work_id"
    ):
        for word in words:
            if term in word.terms or (word.prefix and term.startswith(word.prefix)):
                (word.people.add(person) if person else word.works.add(work))
    return words


def _word_rumor_ids(word: QueryWord) -> set[int]:
    """The newest CANDIDATES_PER_SOURCE rumors each way the word finds rumors: by their own
    text, by a person or work it names, by a verdict it names. Each lookup walks an index;
    capping them keeps a word found in half the rumors (a famous actor) fast, and what falls
    past the cap is older than what it leaves."""
    cap = CANDIDATES_PER_SOURCE
    lookups = [SearchTerm.objects.filter(term__in=word.terms).order_by("-rumor_id")]
    if word.people:
        about = Rumor.people.through.objects.filter(person_id__in=word.people)
        lookups.append(about.order_by("-rumor_id"))
    if word.works:
        about = Rumor.works.through.objects.filter(work_id__in=word.works)
        lookups.append(about.order_by("-rumor_id"))
    ids = {pk for lookup in lookups for pk in lookup.values_list("rumor_id", flat=True)[:cap]}
    if word.verdicts:
        by_verdict = Rumor.objects.filter(verdict__in=word.verdicts).order_by("-id")
        ids.update(by_verdict.values_list("id", flat=True)[:cap])
    return ids


def rumor_search(rumors: QuerySet[Rumor], q: str) -> QuerySet[Rumor]:
    """The rumors of `rumors` that match q, best first (`search_score`: the query words
    matched), then newest. Nothing for a query with no words."""
    return _search_rumors(rumors, parse_query(q))


def _rumor_scores(words: list[QueryWord]) -> dict[int, int]:
    scores: dict[int, int] = {}
    for word in words:
        for pk in _word_rumor_ids(word):
            scores[pk] = scores.get(pk, 0) + 1
    return scores


def _search_rumors(rumors: QuerySet[Rumor], words: list[QueryWord]) -> QuerySet[Rumor]:
    return _ranked(rumors, _rumor_scores(words), "-created_at", "-id")


def _top_rumors(rumors: QuerySet[Rumor], words: list[QueryWord], limit: int) -> list[Rumor]:
    """The first `limit` rumors of _search_rumors, in its order (best score, then newest), for
    a page that shows one screenful: the candidates are ranked over (id, created_at) alone,
    and only the rumors shown are read whole, instead of sorting every candidate's row in the
    database (the API, which pages through, keeps _search_rumors)."""
    scores = _rumor_scores(words)
    if not scores:
        return []
    keys = rumors.prefetch_related(None).filter(pk__in=list(scores)).values_list("pk", "created_at")
    ranked = sorted(keys, key=lambda key: (scores[key[0]], key[1], key[0]), reverse=True)
    top = [pk for pk, _ in ranked[:limit]]
    rows = {rumor.pk: rumor for rumor in rumors.filter(pk__in=top)}
    for pk in top:
        rows[pk].search_score = scores[pk]
    return [rows[pk] for pk in top]


def _entity_scores(words: list[QueryWord], attr: str) -> dict[int, int]:
    scores: dict[int, int] = {}
    for word in words:
        for pk in getattr(word, attr):
            scores[pk] = scores.get(pk, 0) + 1
    return scores


def _ranked(queryset: QuerySet, scores: dict[int, int], *tiebreak: str) -> QuerySet:
    if not scores:
        return queryset.none()
    by_score = [
        When(pk__in=[pk for pk, s in scores.items() if s == n], then=Value(n))
        for n in set(scores.values())
    ]
    score = Case(*by_score, default=Value(0), output_field=IntegerField())
    return (
        queryset.filter(pk__in=list(scores))
        .annotate(search_score=score)
        .order_by("-search_score", *tiebreak)
    )


def _search_people(people: QuerySet[Person], words: list[QueryWord]) -> QuerySet[Person]:
    return _ranked(people, _entity_scores(words, "people"), "name", "id")


def _search_works(works: QuerySet[Work], words: list[QueryWord]) -> QuerySet[Work]:
    return _ranked(works, _entity_scores(words, "works"), "-year", "title", "id")


def person_search(people: QuerySet[Person], q: str) -> QuerySet[Person]:
    """The people of `people` that q names, those named by more of its words first."""
    return _search_people(people, parse_query(q))


def work_search(works: QuerySet[Work], q: str) -> QuerySet[Work]:
    """The works of `works` that q names, those named by more of its words first."""
    return _search_works(works, parse_query(q))


def name_suggestions(q: str, *, limit: int = SUGGESTIONS) -> list[str]:
    """The site's names closest to q, for a search that found nothing ("Did you mean…")."""
    q = textsearch.normalize(q).strip()
    if not q:
        return []
    names = {n for n in dictionary_names() if n}
    names.update(Person.objects.listed().values_list("name", flat=True))
    names.update(Work.objects.listed().values_list("title", flat=True))
    by_key = {textsearch.normalize(n): n for n in names}
    close = difflib.get_close_matches(q, list(by_key), n=limit, cutoff=0.6)
    return [by_key[key] for key in close]


@dataclass
class SearchResults:
    rumors: list[Rumor]
    people: list[Person]
    works: list[Work]
    suggestions: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rumors) + len(self.people) + len(self.works)


def search(*, q: str, verdict: str = "", status: str = "", limit: int = 30) -> SearchResults:
    """Rumors, people and works matching q, rumors narrowed by verdict and status; the closest
    names when nothing matches."""
    q = q.strip()
    rumors = rumor_list()
    if verdict:
        rumors = rumors.filter(verdict=verdict)
    if status:
        rumors = rumors.filter(status=status)
    if not q:
        # Filters alone browse the rumors; nothing at all shows nothing.
        return SearchResults(list(rumors[:limit]) if verdict or status else [], [], [])
    words = parse_query(q)
    results = SearchResults(
        rumors=_top_rumors(rumors, words, limit),
        people=list(_search_people(Person.objects.listed(), words)[:limit]),
        works=list(_search_works(Work.objects.listed(), words)[:limit]),
    )
    if not results.total:
        results.suggestions = name_suggestions(q)
    return results
