"""Reads for being found: the /people/ and /works/ index pages (A–Z and by Hangul initial,
with counts of rumors and verdicts) and the sitemap. Every count and every listed rumor
follows the one visibility rule (Rumor.public_q)."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import Coalesce

from rumors.models import Person, Rumor, Work

# The first consonant (초성) of a Hangul syllable, doubled ones filed under their plain one,
# as Korean indexes do.
_CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_PLAIN = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
# Tuples, not strings: "" is in every string.
HANGUL_INITIALS = tuple("ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ")
LATIN_INITIALS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
OTHER = "#"


def hangul_initial(text: str) -> str | None:
    """The index letter of a Hangul name (김다미 → ㄱ, 씨엔블루 → ㅅ), or None."""
    first = (text or "").strip()[:1]
    if not "가" <= first <= "힣":
        return None
    consonant = _CHOSEONG[(ord(first) - ord("가")) // 588]
    return _PLAIN.get(consonant, consonant)


def latin_initial(text: str) -> str:
    first = (text or "").strip()[:1].upper()
    return first if first in LATIN_INITIALS else OTHER


@dataclass(frozen=True)
class IndexEntry:
    """One person or work on an index page, with its counts of public rumors and verdicts."""

    item: Person | Work
    rumors: int
    verdicts: int


def _counted(queryset: QuerySet) -> QuerySet:
    public = Rumor.public_q(prefix="rumors__")
    return queryset.annotate(
        public_rumors=Count("rumors", filter=public, distinct=True),
        public_verdicts=Count("rumors", filter=public & ~Q(rumors__verdict=""), distinct=True),
    )


def _index(queryset: QuerySet, *, hangul_field: str, latin_field: str, letter: str):
    """Entries under `letter` (a Latin letter, "#", or a Hangul initial), or every entry."""
    rows = list(_counted(queryset))
    if letter in HANGUL_INITIALS:
        rows = [r for r in rows if hangul_initial(getattr(r, hangul_field)) == letter]
        rows.sort(key=lambda r: (getattr(r, hangul_field), r.pk))
    elif letter:
        rows = [r for r in rows if latin_initial(getattr(r, latin_field)) == letter]
        rows.sort(key=lambda r: (getattr(r, latin_field).lower(), r.pk))
    return [IndexEntry(r, r.public_rumors, r.public_verdicts) for r in rows]


def person_index(*, letter: str = "") -> list[IndexEntry]:
    """People under an index letter, A–Z by romanized name or ㄱ–ㅎ by Hangul name."""
    return _index(
        Person.objects.listed().order_by("name", "id"),
        hangul_field="name_hangul",
        latin_field="name",
        letter=letter,
    )


def work_index(*, letter: str = "") -> list[IndexEntry]:
    """Works under an index letter, A–Z by title or ㄱ–ㅎ by Korean title."""
    return _index(
        Work.objects.listed().order_by("title", "id"),
        hangul_field="title_korean",
        latin_field="title",
        letter=letter,
    )


def sitemap_rumors() -> QuerySet[Rumor]:
    """Rumors a search engine may list: public (not rejected, not held) and with no media
    withheld (those pages ask not to be indexed), last changed first."""
    return (
        Rumor.objects.public()
        .filter(has_hidden_media=False)
        .only("id", "slug", "title", "last_activity_at")
        .order_by("-last_activity_at", "-id")
    )


def _last_changed(queryset: QuerySet) -> QuerySet:
    latest = Max("rumors__last_activity_at", filter=Rumor.public_q(prefix="rumors__"))
    return queryset.annotate(last_changed=Coalesce(latest, "created_at"))


def sitemap_people() -> QuerySet[Person]:
    people = Person.objects.listed().only("id", "slug", "created_at")
    return _last_changed(people).order_by("id")


def sitemap_works() -> QuerySet[Work]:
    works = Work.objects.listed().only("id", "slug", "created_at")
    return _last_changed(works).order_by("id")
