"""Reads of the reference library, for its moderation page."""

from django.db.models import Count, QuerySet

from rumors.models import Reference


def reference_list(*, limit: int = 100) -> QuerySet[Reference]:
    """The newest references with what the page shows about each (one query, plus two for
    their people and works)."""
    return (
        Reference.objects.select_related("source", "bank_entry")
        .prefetch_related("people", "works")
        .annotate(frame_count=Count("frames", distinct=True))
        .annotate(suggestion_count=Count("suggestions", distinct=True))
        .order_by("-created_at", "-id")[:limit]
    )


def reference_get(*, pk) -> Reference | None:
    try:
        return Reference.objects.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None
