"""Withholding media and restoring it: the rows' state, the rumors' noindex flag, the events
and the files. Reports (services/reports.py) and the never-host bank (services/bank.py) both
withhold through here, inside their own transactions; the file moves run after commit.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from rumors import heldmedia
from rumors.models import Evidence, Report, Rumor, Source, TimelineEvent
from rumors.services.timeline import timeline_append


def media_of(report: Report) -> tuple[list[Source], list[Evidence]]:
    """What a report withholds: a rumor page all its links and evidence; a link itself; an
    evidence item itself and its link. Evidence resting on a withheld link goes with it."""
    if report.evidence_id:
        sources = [report.evidence.source] if report.evidence.source_id else []
        evidence = [report.evidence]
    elif report.source_id:
        sources, evidence = [report.source], []
    elif report.rumor_id:
        sources = list(report.rumor.sources.all())
        evidence = list(report.rumor.evidence.all())
    else:
        return [], []
    source_ids = [s.pk for s in sources]
    evidence += Evidence.objects.filter(source_id__in=source_ids).exclude(
        pk__in=[e.pk for e in evidence]
    )
    return sources, evidence


def rumors_of(sources, evidence, *extra: Rumor | None) -> list[Rumor]:
    """Every rumor that shows any of this media, each once, by id."""
    ids = {r.pk for r in extra if r is not None}
    ids |= {e.rumor_id for e in evidence}
    ids |= set(
        Rumor.sources.through.objects.filter(source__in=sources).values_list("rumor_id", flat=True)
    )
    return list(Rumor.objects.filter(pk__in=ids).order_by("id"))


def refresh_rumor_flags(rumors: list[Rumor]) -> None:
    """Rumor.has_hidden_media (the noindex flag) from the rows' state."""
    for rumor in rumors:
        hidden = (
            Source.objects.filter(rumors=rumor, media_hidden_at__isnull=False).exists()
            or rumor.evidence.filter(media_hidden_at__isnull=False).exists()
        )
        if hidden != rumor.has_hidden_media:
            rumor.has_hidden_media = hidden
            rumor.save(update_fields=["has_hidden_media", "updated_at"])


def media_files_sync(*, source_ids: list[int], evidence_ids: list[int]) -> None:
    """Put each file where its row's state says: held while withheld, served otherwise.
    Runs after commit (file moves are slow work, outside the row locks) and reads the rows
    again, so that of two quick decisions the later state wins whatever order they run in."""
    rows = [
        *Source.objects.filter(pk__in=source_ids),
        *Evidence.objects.filter(pk__in=evidence_ids),
    ]
    for row in rows:
        move = heldmedia.hold if row.is_media_hidden else heldmedia.release
        for name in row.media_files():
            move(name)


def _sync_after_commit(sources, evidence) -> None:
    source_ids, evidence_ids = [s.pk for s in sources], [e.pk for e in evidence]
    transaction.on_commit(
        lambda: media_files_sync(source_ids=source_ids, evidence_ids=evidence_ids)
    )


def withhold(report: Report) -> None:
    """Withhold the report's media (inside the caller's transaction), with the events."""
    sources, evidence = media_of(report)
    now = timezone.now()
    locked_sources = list(
        Source.objects.select_for_update().filter(pk__in=[s.pk for s in sources]).order_by("id")
    )
    locked_evidence = list(
        Evidence.objects.select_for_update().filter(pk__in=[e.pk for e in evidence]).order_by("id")
    )
    newly_hidden = [row for row in (*locked_sources, *locked_evidence) if not row.is_media_hidden]
    for row in newly_hidden:
        row.media_hidden_at = now
        row.save(update_fields=["media_hidden_at"])
    report.hidden_sources.add(*locked_sources)
    report.hidden_evidence.add(*locked_evidence)
    rumors = rumors_of(locked_sources, locked_evidence, report.rumor)
    refresh_rumor_flags(rumors)
    if newly_hidden:
        for rumor in rumors:
            timeline_append(
                rumor=rumor,
                kind=TimelineEvent.Kind.MEDIA_HIDDEN,
                data={"report": report.pk, "links": len(locked_sources)},
            )
            timeline_append(rumor=rumor, kind=TimelineEvent.Kind.WITHDRAWN, data={"what": "media"})
    _sync_after_commit(locked_sources, locked_evidence)


def restore(report: Report, *, moderator: User) -> None:
    """Restore what this report withheld and no other standing report still withholds."""
    standing = Q(status__in=[Report.Status.OPEN, Report.Status.UPHELD]) & ~Q(pk=report.pk)
    sources = list(
        Source.objects.select_for_update()
        .filter(pk__in=report.hidden_sources.values("pk"))
        .exclude(hiding_reports__in=Report.objects.filter(standing))
        .order_by("id")
    )
    evidence = list(
        Evidence.objects.select_for_update()
        .filter(pk__in=report.hidden_evidence.values("pk"))
        .exclude(hiding_reports__in=Report.objects.filter(standing))
        .order_by("id")
    )
    restored = [row for row in (*sources, *evidence) if row.is_media_hidden]
    for row in restored:
        row.media_hidden_at = None
        row.save(update_fields=["media_hidden_at"])
    rumors = rumors_of(sources, evidence, report.rumor)
    refresh_rumor_flags(rumors)
    if restored:
        for rumor in rumors:
            timeline_append(
                rumor=rumor,
                kind=TimelineEvent.Kind.MEDIA_RESTORED,
                actor=moderator,
                data={"report": report.pk},
            )
    _sync_after_commit(sources, evidence)
