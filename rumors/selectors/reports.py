"""Reads for reports: what a report was opened from, the daily cap's count, the moderators'
queue."""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.urls import Resolver404
from django.utils import timezone

from accounts.models import User
from config.languages import resolve_site_path
from rumors import permissions
from rumors.models import Appeal, Evidence, Report, Rumor, Source, VerifiedRequester
from rumors.selectors.rumors import link_key_or_none

# The rumor pages a `?url=` may name.
_RUMOR_PAGES = {"rumors:detail", "rumors:detail_slug", "rumors:timeline", "rumors:sources"}


@dataclass(frozen=True)
class ReportTarget:
    """What a report is about: a rumor page, a link (a Source) or an evidence item, with the
    rumor it was seen on where there is one."""

    rumor: Rumor | None = None
    source: Source | None = None
    evidence: Evidence | None = None


def _rumor_page(url: str, user: User) -> Rumor | None:
    parts, site = urlsplit(url), urlsplit(settings.SITE_URL)
    if parts.netloc and parts.netloc.lower() != site.netloc.lower():
        return None
    try:
        match, _language = resolve_site_path(parts.path or "/")
    except Resolver404:
        return None
    if match.view_name not in _RUMOR_PAGES:
        return None
    return Rumor.objects.visible_to(user).filter(pk=match.kwargs["pk"]).first()


def report_target(*, url: str = "", evidence_id: int | None = None, user: User) -> ReportTarget:
    """The rumor page, link or evidence item named, as this user may see it; an empty target
    if there is none (a link Jinjja does not know is not one)."""
    if evidence_id is not None:
        evidence = (
            Evidence.objects.visible_to(user)
            .filter(pk=evidence_id, rumor__in=Rumor.objects.visible_to(user))
            .select_related("rumor", "source")
            .first()
        )
        return ReportTarget(rumor=evidence.rumor, evidence=evidence) if evidence else ReportTarget()
    url = (url or "").strip()
    if not url:
        return ReportTarget()
    rumor = _rumor_page(url, user)
    if rumor is not None:
        return ReportTarget(rumor=rumor)
    key = link_key_or_none(url)
    if key is None:
        return ReportTarget()
    visible = Rumor.objects.visible_to(user)
    known = Source.objects.filter(keys__key=key)
    source = (
        known.filter(rumors__in=visible).first()
        or known.filter(evidence__in=Evidence.objects.visible_to(user)).first()
    )
    if source is None:
        return ReportTarget()
    return ReportTarget(rumor=source.rumors.filter(pk__in=visible).first(), source=source)


def report_hides_today(*, address: str | None) -> int:
    """How many reports from this address withheld media at once in the last 24 hours."""
    if not address:
        return 0
    since = timezone.now() - timedelta(days=1)
    return Report.objects.filter(
        reporter_address=address, hid_media=True, created_at__gte=since
    ).count()


def reports_marked(reports: QuerySet[Report]) -> QuerySet[Report]:
    """`from_requester` on each report: its reporter is a verified requester (the people
    depicted, their agencies) now; every listing of reports puts those first."""
    standing = VerifiedRequester.objects.standing().filter(user=OuterRef("reporter"))
    return reports.annotate(from_requester=Exists(standing))


def report_queue() -> QuerySet[Report]:
    """Open reports: verified requesters' first, then oldest first, with what the queue shows
    of each."""
    return (
        reports_marked(Report.objects.filter(status=Report.Status.OPEN))
        .select_related("rumor", "source", "evidence")
        .prefetch_related(
            Prefetch("hidden_sources", queryset=Source.objects.order_by("id")),
            Prefetch("hidden_evidence", queryset=Evidence.objects.order_by("id")),
        )
        .order_by("-from_requester", "created_at", "id")
    )


def report_get(*, pk) -> Report | None:
    """The report, or None (also for an id that is not a number)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Report.objects.filter(pk=pk).first()


@dataclass(frozen=True)
class AppealState:
    """What a rumor's pages show of appeals to this reader: the form, or the appeal sent."""

    can_appeal: bool
    sent: Appeal | None


def appeal_state(*, rumor: Rumor, user: User) -> AppealState:
    if not permissions.can_appeal(user, rumor):
        return AppealState(can_appeal=False, sent=None)
    sent = Appeal.objects.filter(rumor=rumor, submitted_by=user).first()
    return AppealState(can_appeal=sent is None, sent=sent)


def rumor_for_appeal(*, pk: int, user: User) -> Rumor:
    """The rumor, held or not, if this user may see it (its submitter may); else 404."""
    rumor = Rumor.objects.visible_to(user).filter(pk=pk).first()
    if rumor is None:
        raise Http404("No such rumor.")
    return rumor


def appeal_queue(*, limit: int = 50) -> list[Appeal]:
    """The latest appeals, newest first, with their rumor and submitter."""
    return list(
        Appeal.objects.select_related("rumor", "submitted_by").order_by("-created_at")[:limit]
    )


def requester_list(*, limit: int = 200) -> list[VerifiedRequester]:
    """The latest records, standing and revoked, newest first, with their member and person."""
    return list(
        VerifiedRequester.objects.select_related("user", "person", "recorded_by", "revoked_by")[
            :limit
        ]
    )
