#!/usr/bin/env python
"""How much of what the saved pages state about themselves the extractor reads back: runs
rumors/fetchers/metadata.py over every page of the corpus in rumors/tests/fixtures/pages/ (those
with a `.expected.json`) and prints the match percentage per field and overall, then each
miss. Offline; no database. Usage: `make score-metadata` or `python scripts/score_metadata.py`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rumors.tests.metadata_corpus import by_field, checks, corpus, percent  # noqa: E402


def main() -> int:
    results = checks()
    print(f"{len(corpus())} pages, {len(results)} fields they state about themselves")
    for field, score in by_field(results).items():
        stated = sum(r.field == field for r in results)
        print(f"  {field:<14} {score:6.1f}%  of {stated}")
    print(f"  {'overall':<14} {percent(results):6.1f}%")
    misses = [r for r in results if not r.matched]
    for miss in misses:
        print(f"miss {miss.page} {miss.field}: expected {miss.expected!r}, read {miss.found!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
