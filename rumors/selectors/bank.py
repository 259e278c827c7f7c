"""Reads of the never-host bank: does a picture match it, and the bank as hashes only."""

from collections.abc import Iterator
from dataclasses import dataclass

from rumors import matching
from rumors.models import BankedHash, MatchExemption
from rumors.selectors.hash_index import hashes_near


@dataclass(frozen=True)
class BankMatch:
    """A picture likely the same as a bank entry: which one, and how many bits apart."""

    entry: BankedHash
    bits: int
    media_hash: matching.MediaHash


def bank_match(media_hash: matching.MediaHash | None) -> BankMatch | None:
    """The nearest bank entry this picture likely matches, leaving out entries a moderator
    exempted this picture from; None if there is none (or the hash is too poor to match).
    An indexed lookup (selectors/hash_index.py), not a scan of the bank."""
    near = hashes_near(BankedHash.objects.all(), media_hash=media_hash, bits=matching.likely_bits())
    if not near:
        return None
    exempt = set()
    for entry_id, pdq in MatchExemption.objects.filter(
        entry_id__in=[pk for _bits, pk in near]
    ).values_list("entry_id", "pdq"):
        if matching.distance(media_hash.pdq, pdq) <= matching.same_bits():
            exempt.add(entry_id)
    for bits, pk in near:
        if pk not in exempt:
            return BankMatch(entry=BankedHash.objects.get(pk=pk), bits=bits, media_hash=media_hash)
    return None


def bank_export_rows() -> Iterator[dict]:
    """Every entry as hashes only, oldest first: what `manage.py hashbank_export` writes."""
    for pdq, quality, added_at in BankedHash.objects.order_by("id").values_list(
        "pdq", "quality", "added_at"
    ):
        yield {"pdq": pdq, "quality": quality, "added_at": added_at.isoformat()}
