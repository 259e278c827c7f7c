"""Reports, and withholding the media they name.

A report of sexual imagery of a real person or of private information withholds the reported
media at once, before any moderator looks: rumors/media.py then keeps every picture and link
of it off every page and API answer, and the stored files leave MEDIA_ROOT, so /media/ answers
404 for them. Bad-faith reports are possible, so one address may withhold media only
REPORT_HIDES_PER_ADDRESS_PER_DAY times a day (its later reports are kept, and wait), and a
moderator's dismissal restores everything that no other standing report withholds.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from rumors import heldmedia, permissions
from rumors.models import Evidence, Report, Rumor, Source, TimelineEvent
from rumors.selectors.bank import BankMatch
from rumors.selectors.reports import report_hides_today, report_target
from rumors.services import bank
from rumors.services.queue import source_enqueue_recheck
from rumors.services.rumors import check_length
from rumors.services.timeline import timeline_append


class AlreadyDecided(ValidationError):
    """Another moderator decided the report a moment ago."""

    def __init__(self):
        super().__init__(_("This report was already decided."), code="decided")


def _clean(*, category: str, details: str, email: str) -> tuple[str, str]:
    details, email = (details or "").strip(), (email or "").strip()
    errors = {}
    if category not in Report.Category.values:
        errors["category"] = _("Choose what is wrong.")
    check_length(errors, "details", details, Report.DETAILS_MAX_LENGTH)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid email address, or leave it empty.")
    if errors:
        raise ValidationError(errors)
    return details, email


def _serialize_address(address: str | None) -> None:
    """Hold a transaction-long lock on this address. PostgreSQL only: SQLite transactions
    here are IMMEDIATE, so writers already go one at a time."""
    if address and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"report:{address}"])


def _media_of(report: Report) -> tuple[list[Source], list[Evidence]]:
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


def _rumors_of(sources, evidence, *extra: Rumor | None) -> list[Rumor]:
    """Every rumor that shows any of this media, each once, by id."""
    ids = {r.pk for r in extra if r is not None}
    ids |= {e.rumor_id for e in evidence}
    ids |= set(
        Rumor.sources.through.objects.filter(source__in=sources).values_list("rumor_id", flat=True)
    )
    return list(Rumor.objects.filter(pk__in=ids).order_by("id"))


def _refresh_rumor_flags(rumors: list[Rumor]) -> None:
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


def _withhold(report: Report) -> None:
    """Withhold the report's media (inside the caller's transaction), with the events."""
    sources, evidence = _media_of(report)
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
    rumors = _rumors_of(locked_sources, locked_evidence, report.rumor)
    _refresh_rumor_flags(rumors)
    if newly_hidden:
        for rumor in rumors:
            timeline_append(
                rumor=rumor,
                kind=TimelineEvent.Kind.MEDIA_HIDDEN,
                data={"report": report.pk, "links": len(locked_sources)},
            )
            timeline_append(rumor=rumor, kind=TimelineEvent.Kind.WITHDRAWN, data={"what": "media"})
    _sync_after_commit(locked_sources, locked_evidence)


def _restore(report: Report, *, moderator: User) -> None:
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
    rumors = _rumors_of(sources, evidence, report.rumor)
    _refresh_rumor_flags(rumors)
    if restored:
        for rumor in rumors:
            timeline_append(
                rumor=rumor,
                kind=TimelineEvent.Kind.MEDIA_RESTORED,
                actor=moderator,
                data={"report": report.pk},
            )
    _sync_after_commit(sources, evidence)


@transaction.atomic
def report_submit(
    *,
    category: str,
    details: str = "",
    email: str = "",
    url: str = "",
    evidence_id: int | None = None,
    address: str | None,
    user: User | None = None,
) -> Report:
    """Save a report (anyone may send one, logged in or not). A report of a category in
    Report.HIDING_CATEGORIES withholds the media at once unless this address has used its
    daily allowance; every report is saved either way.

    Raises ValidationError for a target Jinjja does not show this reader, or bad fields.
    """
    from django.contrib.auth.models import AnonymousUser

    reader = user if user is not None else AnonymousUser()
    details, email = _clean(category=category, details=details, email=email)
    target = report_target(url=url, evidence_id=evidence_id, user=reader)
    if not (target.rumor or target.source or target.evidence):
        field = "evidence" if evidence_id is not None else "url"
        raise ValidationError(
            {field: _("Jinjja shows nothing at that address: give a rumor page or a link on it.")}
        )
    report = Report(
        url=url.strip(),
        rumor=target.rumor,
        source=target.source,
        evidence=target.evidence,
        category=category,
        details=details,
        email=email,
        reporter=user if user is not None and user.is_authenticated else None,
        reporter_address=address or None,
    )
    if report.hides_at_once:
        # Counted in the database, so every web process shares the cap; one address's
        # reports take turns here, or two at the same instant could both pass it.
        _serialize_address(address)
        report.hid_media = (
            report_hides_today(address=address) < settings.REPORT_HIDES_PER_ADDRESS_PER_DAY
        )
    report.save()
    if report.hid_media:
        # Media rows are locked before any rumor row is written, as the fetch does, so that
        # two reports sharing a link cannot wait on each other.
        _withhold(report)
    for rumor in _rumors_of([], [], target.rumor):
        timeline_append(
            rumor=rumor,
            kind=TimelineEvent.Kind.REPORTED,
            data={"report": report.pk, "category": category},
        )
    return report


def _shown_on(source: Source) -> Rumor | None:
    """The first rumor showing a link, as a submitted link or else as evidence."""
    return (
        Rumor.objects.filter(sources=source).order_by("id").first()
        or Rumor.objects.filter(evidence__source=source).order_by("id").first()
    )


def report_file_bank_match(
    *, match: BankMatch, source: Source | None = None, evidence: Evidence | None = None
) -> Report | None:
    """The site's own report for a picture that matched the never-host bank, filed in the
    caller's transaction: the link (or evidence item) is marked as blocked media and withheld
    at once, and the report waits in the moderators' queue with the match. Its picture was
    never stored. A row already withheld files nothing more (a re-check of a removed link)."""
    row = evidence if evidence is not None else source
    row.pdq, row.pdq_quality = match.media_hash.pdq, match.media_hash.quality
    if row.is_media_hidden:
        row.save(update_fields=["pdq", "pdq_quality"])
        return None
    row.media_blocked_at = timezone.now()
    row.save(update_fields=["pdq", "pdq_quality", "media_blocked_at"])
    report = Report.objects.create(
        rumor=evidence.rumor if evidence is not None else _shown_on(source),
        source=source if evidence is None else None,
        evidence=evidence,
        category=Report.Category.SEXUAL_DEEPFAKE,
        hid_media=True,
        bank_entry=match.entry,
        match_bits=match.bits,
        match_pdq=match.media_hash.pdq,
        match_quality=match.media_hash.quality,
    )
    _withhold(report)
    for rumor in _rumors_of(*_media_of(report), report.rumor):
        timeline_append(
            rumor=rumor,
            kind=TimelineEvent.Kind.REPORTED,
            data={"report": report.pk, "category": report.category, "bank_match": True},
        )
    return report


@transaction.atomic
def report_decide(*, moderator: User, report_id: int, decision: str, reason: str) -> Report:
    """A moderator upholds a report (its media stays withheld; a report that could not withhold
    it at once, past its sender's cap, withholds it now; sexual imagery is banked and its
    pictures deleted) or dismisses it (what it withheld comes back, unless another standing
    report withholds it too; a bank match dismissed is a false match cleared for good)."""
    if not permissions.can_decide_reports(moderator):
        raise PermissionDenied(_("Only moderators decide reports."))
    reason = (reason or "").strip()
    errors = {}
    if decision not in ("uphold", "dismiss"):
        errors["decision"] = _("Choose uphold or dismiss.")
    if not reason:
        errors["reason"] = _("Say why.")
    check_length(errors, "reason", reason, Report.REASON_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("rumor", "source", "evidence")
        .get(pk=report_id)
    )
    if report.status != Report.Status.OPEN:
        raise AlreadyDecided()
    report.status = Report.Status.UPHELD if decision == "uphold" else Report.Status.DISMISSED
    report.decided_by, report.decided_at = moderator, timezone.now()
    report.decision_reason = reason
    report.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    data = {"report": report.pk, "decision": report.status, "reason": reason}
    if report.status == Report.Status.UPHELD and report.hides_at_once:
        _withhold(report)
        if report.category == Report.Category.SEXUAL_DEEPFAKE:
            # Never hosted again: the hashes go into the bank, the pictures are deleted.
            data["banked"] = bank.bank_report_media(report=report)
    elif report.status == Report.Status.DISMISSED:
        if bank.match_exempt(report=report, moderator=moderator, reason=reason):
            data["cleared_match"] = True
            if report.source_id:
                # Fetch the picture again: it is exempt now, so it is stored and shown.
                source_id = report.source_id
                transaction.on_commit(lambda: source_enqueue_recheck(source_id=source_id))
        _restore(report, moderator=moderator)
    for rumor in _rumors_of([], [], report.rumor):
        timeline_append(
            rumor=rumor,
            kind=TimelineEvent.Kind.REPORT_DECIDED,
            actor=moderator,
            data=data,
        )
    return report


def reports_purge_personal_data(*, now=None) -> int:
    """Blank the reporter's email and IP address on reports decided more than
    REPORT_RETENTION_DAYS days ago (the period /about/ states). Returns how many reports
    changed; running it again changes nothing."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REPORT_RETENTION_DAYS)
    stale = Report.objects.filter(decided_at__lt=cutoff).filter(
        ~Q(email="") | Q(reporter_address__isnull=False)
    )
    return stale.update(email="", reporter_address=None)
