"""Writing the search index: a rumor's text and a person's or work's names reduced to terms
(rumors.textsearch) when they are written, so that a query only looks terms up."""

from collections.abc import Iterable

from django.db import transaction

from rumors import textsearch
from rumors.models import NameTerm, Person, Rumor, SearchTerm, Work

INDEX_CHUNK = 2000


def rumor_terms(*, title: str, claim: str, title_ko: str = "", claim_ko: str = "") -> set[str]:
    """The terms of a rumor's text, English and Korean. Analysing may load the analyser
    (seconds, the first time in a process): callers that lock the rumor compute them before
    taking the lock."""
    return textsearch.text_terms("\n".join((title, claim, title_ko, claim_ko)))


def _terms_of(rumor: Rumor) -> set[str]:
    return rumor_terms(
        title=rumor.title, claim=rumor.claim, title_ko=rumor.title_ko, claim_ko=rumor.claim_ko
    )


@transaction.atomic
def rumor_index(*, rumor: Rumor, terms: set[str] | None = None) -> None:
    """Replace the rumor's terms with those of its current title and claim (or `terms`,
    computed from them beforehand)."""
    if terms is None:
        terms = _terms_of(rumor)
    SearchTerm.objects.filter(rumor=rumor).delete()
    SearchTerm.objects.bulk_create(SearchTerm(rumor=rumor, term=term) for term in sorted(terms))


def _name_rows(entity: Person | Work) -> list[NameTerm]:
    field = "person" if isinstance(entity, Person) else "work"
    return [
        NameTerm(**{field: entity, "term": term})
        for term in sorted(textsearch.name_terms(entity.all_names))
    ]


@transaction.atomic
def names_index(*, entity: Person | Work) -> None:
    """Replace the terms of a person's or work's names, and teach the analyser the names. A
    proposal not approved yet has none: search finds only listed people and works."""
    field = "person" if isinstance(entity, Person) else "work"
    NameTerm.objects.filter(**{field: entity}).delete()
    if not entity.is_listed:
        return
    NameTerm.objects.bulk_create(_name_rows(entity))
    textsearch.analyser.add_words(textsearch.dictionary_words(entity.all_names))


def rumors_index_bulk(rumors: Iterable[Rumor]) -> int:
    """Index many rumors at once (seeds, rebuilds): replaces their terms in chunks. Returns the
    number of terms written."""
    written = 0
    chunk: list[Rumor] = []

    def flush():
        nonlocal written
        with transaction.atomic():
            SearchTerm.objects.filter(rumor__in=[r.pk for r in chunk]).delete()
            rows = [SearchTerm(rumor=r, term=t) for r in chunk for t in sorted(_terms_of(r))]
            SearchTerm.objects.bulk_create(rows, batch_size=INDEX_CHUNK)
            written += len(rows)
        chunk.clear()

    for rumor in rumors:
        chunk.append(rumor)
        if len(chunk) >= INDEX_CHUNK:
            flush()
    if chunk:
        flush()
    return written


@transaction.atomic
def search_index_rebuild() -> int:
    """Every name and every rumor indexed again; safe to re-run. Returns the rumor terms
    written."""
    NameTerm.objects.all().delete()
    for model in (Person, Work):
        rows = [row for entity in model.objects.listed() for row in _name_rows(entity)]
        NameTerm.objects.bulk_create(rows, batch_size=INDEX_CHUNK)
    return rumors_index_bulk(
        Rumor.objects.only("pk", "title", "claim", "title_ko", "claim_ko").iterator(INDEX_CHUNK)
    )
