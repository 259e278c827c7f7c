"""Writes of the PDQ lookup index (rumors/selectors/hash_index.py reads it)."""

from django.db import models

from rumors import matching


def hash_index_add(*, rows: list[models.Model]) -> None:
    """File each row's hash under its keys (rows of one model with a `segments` relation),
    in the caller's transaction. A row already filed is not filed twice."""
    if not rows:
        return
    relation = type(rows[0])._meta.get_field("segments")
    segment_model, owner = relation.related_model, relation.field.attname
    filed = set(
        segment_model.objects.filter(**{f"{owner}__in": [row.pk for row in rows]})
        .values_list(owner, flat=True)
        .distinct()
    )
    segment_model.objects.bulk_create(
        segment_model(**{owner: row.pk}, key=key)
        for row in rows
        if row.pk not in filed
        for key in matching.segment_keys(row.pdq)
    )
