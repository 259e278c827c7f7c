"""Reports, and withholding the media they name.

A report of sexual imagery of a real person or of private information withholds the reported
media at once, before any moderator looks: rumors/media.py then keeps every picture and link
of it off every page and API answer, and the stored files leave MEDIA_ROOT, so /media/ answers
404 for them. Bad-faith reports are possible, so one address may withhold media only
REPORT_HIDES_PER_ADDRESS_PER_DAY times a day (its later reports are kept, and wait), and a
moderator's dismissal restores everything that no other standing report withholds. The
withholding itself is services/withholding.py; upholding a report of sexual imagery feeds the
never-host bank (services/bank.py).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from mail.services import mail_queue
from rumors import permissions
from rumors.models import Report, TimelineEvent
from rumors.selectors.reports import report_hides_today, report_target
from rumors.services import bank, withholding
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
        withholding.withhold(report)
    for rumor in withholding.rumors_of([], [], target.rumor):
        timeline_append(
            rumor=rumor,
            kind=TimelineEvent.Kind.REPORTED,
            data={"report": report.pk, "category": category},
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
        withholding.withhold(report)
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
        withholding.restore(report, moderator=moderator)
    for rumor in withholding.rumors_of([], [], report.rumor):
        timeline_append(
            rumor=rumor,
            kind=TimelineEvent.Kind.REPORT_DECIDED,
            actor=moderator,
            data=data,
        )
    if report.email:
        _mail_outcome(report=report)
    return report


def _mail_outcome(*, report: Report) -> None:
    """Tell the reporter, who left an address, what was decided: through the outbox, sent
    after this decision commits, once (the key names the report). Reporters' language is not
    recorded, so the mail is in Korean and English; it names what they reported, the decision
    and its reason, nothing else of the rumor."""
    context = {
        "report": report,
        "upheld": report.status == Report.Status.UPHELD,
        "about_url": settings.SITE_URL + reverse("rumors:about"),
    }
    bodies, subjects = [], []
    for language in ("ko", "en"):
        with translation.override(language):
            subjects.append(_("Your report #%(id)s was decided") % {"id": report.pk})
            bodies.append(render_to_string("rumors/mail_report_outcome.txt", context))
    mail_queue(
        key=f"report-outcome:{report.pk}",
        to=[report.email],
        subject="[Jinjja] " + " / ".join(subjects),
        body="\n\n".join(bodies),
    )


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
