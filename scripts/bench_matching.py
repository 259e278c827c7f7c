#!/usr/bin/env python
"""PDQ lookup benchmark: N stored hashes (default 100,000 reference frames; `--table bank` for the
never-host bank) in a PostgreSQL database of its own
(`<DATABASE_URL's name>_bench_pdq`, or BENCH_DATABASE_URL), then lookups within
MEDIA_MATCH_LIKELY_BITS through the index (rumors/selectors/hash_index.py), half of them near a
stored hash (so they find it), half random (so they find nothing). Prints lookups per second,
the candidates each lookup read, and, for comparison, the scan of every hash in Python that the
bank did before the index. Every lookup's answer is checked against that scan.

The hashes are random 256-bit strings, so each 16-bit slice is uniform: real PDQ hashes are
less even, and a library of many frames of one drama brings back more candidates.
Usage: `make bench-matching` or `python scripts/bench_matching.py [--hashes 100000]`.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from scripts.bench import bench_database_url, ensure_database  # noqa: E402 - after the path


def flip(pdq: str, bits: int, rng: random.Random) -> str:
    value = int(pdq, 16)
    for i in rng.sample(range(256), bits):
        value ^= 1 << i
    return f"{value:064x}"


def fill(model, count: int, rng: random.Random) -> None:
    from django.db import transaction

    from rumors.models import BankedHash, Reference, ReferenceFrame
    from rumors.services.hash_index import hash_index_add

    have = model.objects.count()
    if have == count:
        print(f"Reusing the {have} hashes already stored")
        return
    if have:
        sys.exit(f"The bench database holds {have} hashes, not {count}: drop it and re-run.")
    began = time.monotonic()
    if model is ReferenceFrame:
        reference = Reference.objects.create(note="bench", state=Reference.State.IN_LIBRARY)

        def make():
            return ReferenceFrame(
                reference=reference,
                label="thumbnail",
                pdq=f"{rng.getrandbits(256):064x}",
                quality=90,
            )
    else:

        def make():
            return BankedHash(pdq=f"{rng.getrandbits(256):064x}", quality=90, origin="import")

    for start in range(0, count, 5000):
        with transaction.atomic():
            rows = model.objects.bulk_create(make() for _ in range(min(5000, count - start)))
            hash_index_add(rows=rows)
    print(f"Stored {count} hashes and their index in {time.monotonic() - began:.0f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hashes", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=400)
    parser.add_argument("--scans", type=int, default=20, help="lookups timed as a full scan")
    parser.add_argument("--table", choices=["references", "bank"], default="references")
    args = parser.parse_args()

    url = bench_database_url("pdq")
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from rumors import matching
    from rumors.models import BankedHash, ReferenceFrame
    from rumors.selectors.hash_index import hashes_near

    call_command("migrate", verbosity=0)
    rng = random.Random(17)  # noqa: S311 - test data, not security
    model = ReferenceFrame if args.table == "references" else BankedHash
    segments = "rumors_referencesegment" if args.table == "references" else "rumors_banksegment"
    owner = "frame_id" if args.table == "references" else "entry_id"
    fill(model, args.hashes, rng)
    # Queries from a generator of their own: a database reused from an earlier run was filled
    # from the seed above, whose first values would otherwise come back as "random" queries.
    rng = random.Random(18)  # noqa: S311 - test data, not security
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would: index-only scans
    bits = matching.likely_bits()
    stored = list(model.objects.order_by("?").values_list("pdq", flat=True)[: args.lookups])
    queries = [
        flip(pdq, rng.randint(0, bits), rng) if n % 2 == 0 else f"{rng.getrandbits(256):064x}"
        for n, pdq in enumerate(stored)
    ]
    hashes = [matching.MediaHash(pdq=pdq, quality=90) for pdq in queries]
    all_rows = model.objects.all()

    def scan(media_hash):
        near = (
            (matching.distance(media_hash.pdq, pdq), pk)
            for pk, pdq in all_rows.values_list("pk", "pdq")
        )
        return sorted(pair for pair in near if pair[0] <= bits)

    for media_hash in hashes[:10]:  # warm the caches
        hashes_near(all_rows, media_hash=media_hash, bits=bits)
    began = time.monotonic()
    answers = [hashes_near(all_rows, media_hash=h, bits=bits) for h in hashes]
    indexed = time.monotonic() - began
    keys = [matching.probe_keys(h.pdq, bits) for h in hashes[:50]]
    with connection.cursor() as cursor:
        candidates = []
        for probe in keys:
            cursor.execute(
                f"SELECT count(DISTINCT {owner}) FROM {segments} WHERE key = ANY(%s)",  # noqa: S608
                [probe],
            )
            candidates.append(cursor.fetchone()[0])
    found = sum(bool(answer) for answer in answers)
    began = time.monotonic()
    for media_hash, answer in zip(hashes[: args.scans], answers, strict=False):
        assert scan(media_hash) == answer, "the index and the scan disagree"
    scanned = (time.monotonic() - began) / min(args.scans, len(hashes))
    print(f"{args.hashes} {args.table} hashes, radius {bits} bits, {len(hashes)} lookups")
    print(f"lookups that found their stored hash: {found}")
    print(f"indexed: {len(hashes) / indexed:.0f} lookups/s ({1000 * indexed / len(hashes):.1f} ms)")
    print(f"candidates read a lookup: mean {sum(candidates) / len(candidates):.0f}")
    print(f"scan in Python: {1 / scanned:.1f} lookups/s ({1000 * scanned:.0f} ms), same answers")


if __name__ == "__main__":
    main()
