"""The PDQ lookup index finds exactly what a scan of every hash would: every stored hash within
the radius (bits flipped anywhere, spread over slices or piled into one), nothing beyond it,
nearest first; settings are read when it runs, and a radius too wide for the index still
gives the scan's answer."""

import random

import pytest

from rumors import matching
from rumors.models import BankedHash, BankSegment
from rumors.selectors.hash_index import hashes_near
from rumors.services.bank import bank_add
from rumors.tests.images import fixture_image

pytestmark = pytest.mark.django_db

rng = random.Random(13)


def random_pdq() -> str:
    return f"{rng.getrandbits(256):064x}"


def flipped(pdq: str, positions) -> str:
    value = int(pdq, 16)
    for i in positions:
        value ^= 1 << i
    return f"{value:064x}"


def stored(pdq: str) -> BankedHash:
    return bank_add(
        media_hash=matching.MediaHash(pdq=pdq, quality=90), origin=BankedHash.Origin.IMPORT
    )


def scan(media_hash: matching.MediaHash, bits: int) -> list[tuple[int, int]]:
    rows = BankedHash.objects.filter(quality__gte=matching.MIN_QUALITY).values_list("pk", "pdq")
    near = ((matching.distance(media_hash.pdq, pdq), pk) for pk, pdq in rows)
    return sorted(pair for pair in near if pair[0] <= bits)


def test_a_stored_hash_is_filed_under_one_key_a_slice():
    entry = stored(random_pdq())
    keys = sorted(BankSegment.objects.filter(entry=entry).values_list("key", flat=True))
    assert keys == matching.segment_keys(entry.pdq) and len(keys) == matching.SEGMENTS
    stored(entry.pdq)
    assert BankSegment.objects.count() == matching.SEGMENTS, "a hash banked twice, filed once"


@pytest.mark.parametrize(
    "positions",
    [
        [],
        list(range(0, 256, 9))[:28],  # spread: 1-2 bits in most slices
        list(range(240, 256)) + list(range(0, 15)),  # piled: two whole slices ruined, 31 bits
        rng.sample(range(256), 31),
    ],
    ids=["same", "spread", "piled", "random-31"],
)
def test_every_hash_within_the_radius_is_found(positions):
    target = stored(random_pdq())
    for _ in range(50):
        stored(random_pdq())
    query = matching.MediaHash(pdq=flipped(target.pdq, positions), quality=90)
    near = hashes_near(BankedHash.objects.all(), media_hash=query, bits=matching.likely_bits())
    assert near == [(len(positions), target.pk)] == scan(query, matching.likely_bits())


def test_a_hash_just_past_the_radius_is_not_found(settings):
    target = stored(random_pdq())
    query = matching.MediaHash(pdq=flipped(target.pdq, range(0, 256, 8)), quality=90)  # 32 bits
    assert hashes_near(BankedHash.objects.all(), media_hash=query, bits=31) == []
    settings.MEDIA_MATCH_LIKELY_BITS = 32
    near = hashes_near(BankedHash.objects.all(), media_hash=query, bits=matching.likely_bits())
    assert near == [(32, target.pk)]


def test_answers_match_a_scan_nearest_first():
    base = random_pdq()
    for bits in (3, 10, 20, 30, 40, 120):
        stored(flipped(base, rng.sample(range(256), bits)))
    query = matching.MediaHash(pdq=base, quality=90)
    near = hashes_near(BankedHash.objects.all(), media_hash=query, bits=31)
    assert [bits for bits, _pk in near] == [3, 10, 20, 30]
    assert near == scan(query, 31)


def test_a_radius_too_wide_for_the_index_reads_every_hash():
    base = random_pdq()
    far = stored(flipped(base, rng.sample(range(256), 60)))
    assert matching.probe_keys(base, 60) is None
    query = matching.MediaHash(pdq=base, quality=90)
    assert hashes_near(BankedHash.objects.all(), media_hash=query, bits=60) == [(60, far.pk)]


def test_a_poor_or_missing_hash_finds_nothing():
    entry = stored(random_pdq())
    poor = matching.MediaHash(pdq=entry.pdq, quality=matching.MIN_QUALITY - 1)
    assert hashes_near(BankedHash.objects.all(), media_hash=poor, bits=31) == []
    assert hashes_near(BankedHash.objects.all(), media_hash=None, bits=31) == []


def test_a_real_picture_finds_its_banked_hash():
    entry = bank_add(
        media_hash=matching.hash_image(fixture_image("promo-still.jpg")),
        origin=BankedHash.Origin.IMPORT,
    )
    resized = fixture_image("promo-still.jpg").resize((160, 90))
    near = hashes_near(BankedHash.objects.all(), media_hash=matching.hash_image(resized), bits=31)
    assert [pk for _bits, pk in near] == [entry.pk]


def test_the_lookup_is_two_indexed_queries_at_most(django_assert_num_queries):
    entry = stored(random_pdq())
    with django_assert_num_queries(2):
        hashes_near(
            BankedHash.objects.all(),
            media_hash=matching.MediaHash(pdq=entry.pdq, quality=90),
            bits=31,
        )
    with django_assert_num_queries(1):  # no candidate: nothing more to read
        hashes_near(
            BankedHash.objects.all(),
            media_hash=matching.MediaHash(pdq=random_pdq(), quality=90),
            bits=31,
        )
