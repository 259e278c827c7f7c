"""The saved pages of the metadata corpus and how many of the facts each states about itself
the extractor reads back. Each page in fixtures/pages/ with a `<name>.expected.json` beside it
is in the corpus: the page's address, its oEmbed document if the platform has one, and the
fields the page states, written by hand from the page. Used by the corpus test and by
scripts/score_metadata.py (`make score-metadata`)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rumors.fetchers.metadata import PageMetadata, extract, finish, parse_datetime

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
# The fields scored, in the order they are printed.
FIELDS = (
    "title",
    "description",
    "author",
    "author_handle",
    "published_at",
    "site_name",
    "platform",
    "image_url",
    "video_url",
    "language",
    "canonical_url",
)


@dataclass(frozen=True)
class Check:
    page: str
    field: str
    expected: object
    found: object

    @property
    def matched(self) -> bool:
        return self.expected == self.found


def corpus() -> dict[str, dict]:
    """{page name: its expected-values document}, by name."""
    return {
        path.name.removesuffix(".expected.json"): json.loads(path.read_text("utf-8"))
        for path in sorted(PAGES.glob("*.expected.json"))
    }


def read(name: str, spec: dict) -> PageMetadata:
    """The page as a fetch reads it: at its address, with its oEmbed document if it has one."""
    html = (PAGES / f"{name}.html").read_bytes()
    oembed = json.loads((PAGES / spec["oembed"]).read_text("utf-8")) if "oembed" in spec else None
    return finish(extract(html, url=spec["url"]), url=spec["url"], oembed=oembed)


def checks() -> list[Check]:
    """One check per field that a saved page states about itself."""
    results = []
    for name, spec in corpus().items():
        page = read(name, spec)
        for field, expected in spec["fields"].items():
            if field not in FIELDS:
                raise ValueError(f"{name}.expected.json: {field} is not a scored field")
            if field == "published_at":
                expected = parse_datetime(expected)
            results.append(Check(name, field, expected, getattr(page, field)))
    return results


def percent(results: list[Check]) -> float:
    return 100.0 * sum(r.matched for r in results) / len(results) if results else 0.0


def by_field(results: list[Check]) -> dict[str, float]:
    counted = Counter(r.field for r in results)
    return {f: percent([r for r in results if r.field == f]) for f in FIELDS if counted[f]}
