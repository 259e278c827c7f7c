"""Reads of the PDQ lookup index: which stored hashes lie within some bits of a picture's.

Any model with a `pdq`, a `quality` and a `segments` relation to a HashSegment table can be
looked up (the never-host bank, the reference library). The rule for the keys is
rumors/matching.py's; this reads them through the index and checks each candidate's
exact distance, so what comes back is exactly what a scan of every hash would give.
"""

from django.db import models
from django.db.models import QuerySet

from rumors import matching


@models.IntegerField.register_lookup
class AnyOf(models.lookups.In):
    """`field__any_of=[...]`: `= ANY(%s)` with one array parameter on PostgreSQL, where `IN`
    with hundreds of placeholders costs more to build and to plan than the index read itself
    (5 ms against 1.4 ms for the 272 probe keys); `IN` elsewhere."""

    lookup_name = "any_of"

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, list(self.rhs)]


def hashes_near(
    owners: QuerySet, *, media_hash: matching.MediaHash | None, bits: int
) -> list[tuple[int, int]]:
    """(bits apart, pk) of the usable rows of `owners` within `bits` of the hash, nearest
    first; empty for a missing or unusable hash."""
    if media_hash is None or not media_hash.usable:
        return []
    owners = owners.filter(quality__gte=matching.MIN_QUALITY)
    keys = matching.probe_keys(media_hash.pdq, bits)
    if keys is not None:
        relation = owners.model._meta.get_field("segments")
        segments = relation.related_model.objects.filter(key__any_of=keys)
        # Two queries, each on an index: as one (`pk IN (subquery)`), PostgreSQL hashes the
        # candidates and scans the whole owner table to join them.
        candidates = set(segments.values_list(relation.field.attname, flat=True))
        if not candidates:
            return []
        owners = owners.filter(pk__any_of=sorted(candidates))
    near = (
        (matching.distance(media_hash.pdq, pdq), pk) for pk, pdq in owners.values_list("pk", "pdq")
    )
    return sorted(pair for pair in near if pair[0] <= bits)
