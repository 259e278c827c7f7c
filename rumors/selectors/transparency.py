"""The figures /transparency/ publishes, month by month: reports by category, how long
decisions took, and what moderators hid, restored and held."""

import math
import statistics
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from rumors.models import Appeal, Report, TimelineEvent


@dataclass(frozen=True)
class MonthFigures:
    month: date
    reports: list[tuple[str, int]]  # (category label, count) in Report.Category order
    reports_total: int
    decided: int
    median_hours: float | None
    p90_hours: float | None
    hides: int  # reports that withheld media at once
    restores: int  # hiding reports dismissed, which gave the media back
    holds: int
    appeals: int


def percentile(values: list[float], fraction: float) -> float | None:
    """The nearest-rank percentile (0.9 for the 90th) of `values`, or None for none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _month_starts(count: int) -> list[date]:
    today = timezone.localdate()
    year, month = today.year, today.month
    starts = []
    for _ in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts


def _month(value: datetime) -> date:
    return timezone.localtime(value).date().replace(day=1)


def _counts(qs, field: str) -> dict[date, int]:
    rows = (
        qs.annotate(m=TruncMonth(field)).values("m").annotate(n=Count("id")).values_list("m", "n")
    )
    return {_month(m) if isinstance(m, datetime) else m: n for m, n in rows}


def transparency_months(*, months: int = 12) -> list[MonthFigures]:
    """The last `months` months, newest first (the current one so far included)."""
    starts = _month_starts(months)
    since = timezone.make_aware(datetime.combine(starts[-1], datetime.min.time()))
    reports = Report.objects.filter(created_at__gte=since).order_by()
    by_category: dict[date, dict[str, int]] = {}
    rows = (
        reports.annotate(m=TruncMonth("created_at"))
        .values("m", "category")
        .annotate(n=Count("id"))
        .values_list("m", "category", "n")
    )
    for m, category, n in rows:
        by_category.setdefault(_month(m), {})[category] = n
    durations: dict[date, list[float]] = {}
    decided = Report.objects.filter(decided_at__gte=since).values_list("created_at", "decided_at")
    for created, decided_at in decided:
        hours = (decided_at - created).total_seconds() / 3600
        durations.setdefault(_month(decided_at), []).append(hours)
    hides = _counts(reports.filter(hid_media=True), "created_at")
    restores = _counts(
        Report.objects.filter(
            decided_at__gte=since, hid_media=True, status=Report.Status.DISMISSED
        ).order_by(),
        "decided_at",
    )
    holds = _counts(
        TimelineEvent.objects.filter(
            kind=TimelineEvent.Kind.HELD, created_at__gte=since
        ).order_by(),
        "created_at",
    )
    appeals = _counts(Appeal.objects.filter(created_at__gte=since).order_by(), "created_at")
    figures = []
    for start in starts:
        counts = by_category.get(start, {})
        hours = durations.get(start, [])
        figures.append(
            MonthFigures(
                month=start,
                reports=[(label, counts.get(code, 0)) for code, label in Report.Category.choices],
                reports_total=sum(counts.values()),
                decided=len(hours),
                median_hours=statistics.median(hours) if hours else None,
                p90_hours=percentile(hours, 0.9),
                hides=hides.get(start, 0),
                restores=restores.get(start, 0),
                holds=holds.get(start, 0),
                appeals=appeals.get(start, 0),
            )
        )
    return figures
