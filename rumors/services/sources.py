"""Fetching sources and keeping what was found.

The database is the source of truth: a source stays pending until a fetch records its result,
and the broker only carries ids. A fetch first *claims* its source with one conditional UPDATE,
so a message delivered twice (a redelivery, a sweep racing a retry) fetches once. The network
and Pillow work happens outside any transaction; only the final save is inside one.
"""

from __future__ import annotations

import hashlib
import logging
import random
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext as _

from rumors import heldmedia, permissions
from rumors.fetchers import http
from rumors.fetchers.images import Thumbnails
from rumors.fetchers.page import FetchedPage, fetch_page
from rumors.models import Evidence, Rumor, Source, TimelineEvent
from rumors.selectors.bank import bank_match
from rumors.services.bank import bank_file_match
from rumors.services.media_links import media_links_refresh
from rumors.services.merge import source_join_fetched_links
from rumors.services.provenance import provenance_suggest_for_source
from rumors.services.queue import source_enqueue_fetch, source_enqueue_recheck, source_queue_fetch
from rumors.services.references import reference_suggest_for_source, references_of_source
from rumors.services.timeline import timeline_append

logger = logging.getLogger(__name__)

# The fields a fetch fills; a re-fetch that changes none of them appends no event.
METADATA_FIELDS = (
    "title",
    "description",
    "site_name",
    "canonical_url",
    "author",
    "author_handle",
    "platform",
    "published_at",
    "image_url",
    "video_url",
    "duration",
    "language",
)


def _announce(source: Source, kind: str, data: dict) -> None:
    """Tell every rumor the source bears on. A rumor that holds the link only as evidence hears
    of it through that evidence (the event names it), so that what was fetched for a proposal
    is seen only where the proposal is: by moderators and its proposer."""
    for rumor in Rumor.objects.filter(sources=source):
        timeline_append(rumor=rumor, kind=kind, source=source, data=data)
    as_evidence: dict[int, Evidence] = {}
    for evidence in (
        Evidence.objects.filter(source=source)
        .exclude(rumor__sources=source)
        .select_related("rumor")
        .order_by("id")
    ):
        # One event a rumor: named after its accepted evidence, if any holds the link.
        held = as_evidence.get(evidence.rumor_id)
        if held is None or (
            held.status != Evidence.Status.ACCEPTED and evidence.status == Evidence.Status.ACCEPTED
        ):
            as_evidence[evidence.rumor_id] = evidence
    for evidence in as_evidence.values():
        timeline_append(
            rumor=evidence.rumor, kind=kind, source=source, evidence=evidence, data=data
        )


def _claim(source_id: int, *, states: tuple[str, ...], count_attempt: bool) -> bool:
    """Mark the source as being fetched, unless a fetch is running or it is not in `states`.
    Taking over a stuck fetch counts it as unfinished."""
    now = timezone.now()
    stuck = now - timedelta(seconds=settings.FETCH_STUCK_AFTER)
    changes = {
        "fetch_started_at": now,
        "unfinished_fetches": Case(
            When(fetch_started_at__isnull=False, then=F("unfinished_fetches") + 1),
            default=F("unfinished_fetches"),
            output_field=Source._meta.get_field("unfinished_fetches"),
        ),
    }
    if count_attempt:
        changes["attempts"] = F("attempts") + 1
    return bool(
        Source.objects.filter(pk=source_id, fetch_state__in=states)
        .filter(Q(fetch_started_at__isnull=True) | Q(fetch_started_at__lt=stuck))
        .update(**changes)
    )


def backoff_seconds(attempts: int, retry_after: float | None = None) -> float:
    """Exponential backoff with jitter, capped; never earlier than the server's Retry-After."""
    ceiling = min(
        settings.FETCH_RETRY_BACKOFF_MAX, settings.FETCH_RETRY_BACKOFF * 2 ** (attempts - 1)
    )
    delay = random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not security
    return max(delay, retry_after or 0)


def _store_thumbnails(source: Source, thumbs: Thumbnails) -> dict[str, str]:
    """Save the two files (named by content, so an unchanged image is not written again)."""
    digest = hashlib.sha256(thumbs.large).hexdigest()[:16]
    names = {
        "thumbnail": f"thumbs/{source.pk}-{digest}.jpg",
        "thumbnail_small": f"thumbs/{source.pk}-{digest}-s.jpg",
    }
    for field, data in (("thumbnail", thumbs.large), ("thumbnail_small", thumbs.small)):
        if getattr(source, field).name != names[field]:
            names[field] = default_storage.save(names[field], ContentFile(data))
    return names


def _apply(source: Source, fetched: FetchedPage) -> list[str]:
    """Copy the fetched values onto `source`; return the names of the fields that changed."""
    changed = []
    page = fetched.metadata
    for name in METADATA_FIELDS:
        value = getattr(page, name)
        if value is None and name not in ("published_at", "duration"):
            value = ""
        if getattr(source, name) != value:
            setattr(source, name, value)
            changed.append(name)
    source.structured_data = page.structured_data
    source.final_url = fetched.final_url[:2000]
    source.http_status = fetched.status
    thumbs = fetched.thumbnails
    if thumbs is None:
        return changed
    # What the picture said of itself, read before it was thumbnailed: kept even when the
    # picture is not (a never-host match), since the finding holds no pixels.
    finding = thumbs.provenance.as_dict()
    if source.provenance != finding:
        source.provenance = finding
        changed.append("provenance")
    # Looked up in memory before anything is written: a picture in the never-host bank is
    # never stored, and the link is withheld with a report for the moderators.
    match = bank_match(thumbs.media_hash)
    if match is not None:
        bank_file_match(match=match, source=source)
    elif thumbs.media_hash.pdq != source.pdq or not source.thumbnail:
        # A new picture, or one never stored (a bank match since cleared keeps its hash).
        names = _store_thumbnails(source, thumbs)
        source.thumbnail.name = names["thumbnail"]
        source.thumbnail_small.name = names["thumbnail_small"]
        source.pdq, source.pdq_quality = thumbs.media_hash.pdq, thumbs.media_hash.quality
        changed.append("pdq")
    return changed


_SAVED_ON_SUCCESS = [
    *METADATA_FIELDS,
    "structured_data",
    "final_url",
    "http_status",
    "thumbnail",
    "thumbnail_small",
    "pdq",
    "pdq_quality",
    "provenance",
    "fetch_state",
    "fetched_at",
    "last_checked_at",
    "last_error",
    "fetch_started_at",
    "unfinished_fetches",
    "next_attempt_at",
]


def _record_success(source_id: int, fetched: FetchedPage) -> Source:
    now = timezone.now()
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source_id)
        was = source.fetch_state
        changed = _apply(source, fetched)
        source.fetch_state = Source.State.FETCHED
        source.fetched_at = (
            source.fetched_at if (was == Source.State.FETCHED and not changed) else now
        )
        source.last_checked_at = now
        source.last_error = fetched.image_error
        source.fetch_started_at = None
        source.unfinished_fetches = 0
        source.next_attempt_at = None
        source.save(update_fields=_SAVED_ON_SUCCESS)
        if was != Source.State.FETCHED or changed:
            _announce(source, TimelineEvent.Kind.SOURCE_FETCHED, {"title": source.title})
    if "pdq" in changed and source.is_media_hidden:
        # A recheck of a link withheld after a report: its new files go out of reach too.
        for name in source.media_files():
            heldmedia.hold(name)
    if "pdq" in changed:
        media_links_refresh(source=source)
        # A new picture of a rumor's link is looked up in the reference library.
        reference_suggest_for_source(source=source)
    if "provenance" in changed:
        # A picture that says it was generated is suggested to moderators as evidence.
        provenance_suggest_for_source(source=source)
    # A reference resting on this link is hashed now that its picture is known.
    references_of_source(source=source)
    # Where the link led (a short link's landing page, the page's own canonical link) is the
    # same link: a clip Jinjja knows takes the new rumor in.
    source_join_fetched_links(source_id=source_id)
    return source


def _record_outcome(source_id: int, *, state: str, reason: str, status: int | None) -> None:
    """Record a failure or a disappearance; the timeline hears of it when the state changes."""
    events = {
        Source.State.FAILED: TimelineEvent.Kind.SOURCE_FAILED,
        Source.State.REFUSED: TimelineEvent.Kind.SOURCE_FAILED,
        Source.State.GONE: TimelineEvent.Kind.SOURCE_GONE,
    }
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source_id)
        changed = source.fetch_state != state
        source.fetch_state = state
        source.last_error = reason
        source.http_status = status
        source.last_checked_at = timezone.now()
        source.fetch_started_at = None
        source.unfinished_fetches = 0
        source.next_attempt_at = None
        source.save(
            update_fields=[
                "fetch_state",
                "last_error",
                "http_status",
                "last_checked_at",
                "fetch_started_at",
                "unfinished_fetches",
                "next_attempt_at",
            ]
        )
        if changed:
            _announce(source, events[state], {"error": reason})


def _schedule_retry(source_id: int, *, reason: str, delay: float, count_attempt: bool) -> None:
    Source.objects.filter(pk=source_id).update(
        last_error=reason,
        fetch_started_at=None,
        unfinished_fetches=0,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
        queued_at=None,
        # A busy host is not the source's fault: give the attempt back.
        **({} if count_attempt else {"attempts": F("attempts") - 1}),
    )
    if delay <= settings.FETCH_RETRY_BACKOFF_MAX:
        source_enqueue_fetch(source_id=source_id, countdown=delay)
    # Longer waits (a distant Retry-After) are left to the sweep, which honours next_attempt_at:
    # a message held past the broker's visibility timeout would be delivered twice.


def _record_unexpected(source_id: int, exc: Exception) -> None:
    """A fetch that raised what no rule expects (a page no reader foresaw, a value the database
    refused) fails for good: the same page would fail the same way on every retry."""
    logger.exception("fetch of source %s failed unexpectedly", source_id)
    reason = f"The page could not be read ({type(exc).__name__}); it will not be tried again."
    _record_outcome(source_id, state=Source.State.FAILED, reason=reason, status=None)


def source_fetch(*, source_id: int) -> None:
    """Fetch a pending source and record the outcome; a no-op unless the source is pending and
    no other fetch of it is running. Every fetch that returns ends in a recorded state."""
    if not _claim(source_id, states=(Source.State.PENDING,), count_attempt=True):
        return
    source = Source.objects.only("url", "attempts", "unfinished_fetches").get(pk=source_id)
    if source.unfinished_fetches >= settings.FETCH_MAX_UNFINISHED:
        reason = (
            f"The fetch did not finish {source.unfinished_fetches} times in a row; "
            "it will not be tried again."
        )
        _record_outcome(source_id, state=Source.State.FAILED, reason=reason, status=None)
        return
    try:
        _fetch_and_record(source)
    except Exception as exc:  # noqa: BLE001 - recorded on the source and logged, not hidden
        _record_unexpected(source_id, exc)


def _fetch_and_record(source: Source) -> None:
    source_id = source.pk
    try:
        fetched = fetch_page(source.url)
    except http.HostBusy as exc:
        delay = random.uniform(5, 15)  # noqa: S311 - jitter, not security
        _schedule_retry(source_id, reason=exc.reason, delay=delay, count_attempt=False)
    except http.FetchRefused as exc:
        _record_outcome(source_id, state=Source.State.REFUSED, reason=exc.reason, status=None)
    except http.FetchError as exc:
        if exc.transient and source.attempts < settings.FETCH_MAX_ATTEMPTS:
            delay = backoff_seconds(source.attempts, exc.retry_after)
            _schedule_retry(source_id, reason=exc.reason, delay=delay, count_attempt=True)
        else:
            if exc.transient:
                reason = f"{exc.reason} Gave up after {source.attempts} attempts."
            else:
                reason = exc.reason
            _record_outcome(source_id, state=Source.State.FAILED, reason=reason, status=exc.status)
    else:
        _record_success(source_id, fetched)


def source_recheck(*, source_id: int) -> None:
    """Fetch a fetched (or gone) source again. A page now gone is marked so, keeping what was
    fetched before; a page back or changed is recorded; an unchanged page appends nothing."""
    states = (Source.State.FETCHED, Source.State.GONE)
    if not _claim(source_id, states=states, count_attempt=False):
        return
    source = Source.objects.only("url").get(pk=source_id)
    try:
        try:
            fetched = fetch_page(source.url)
        except http.FetchGone as exc:
            _record_outcome(
                source_id, state=Source.State.GONE, reason=exc.reason, status=exc.status
            )
        except http.FetchError as exc:
            # Anything else may be passing trouble: note it and look again next time.
            _note_recheck_error(source_id, exc.reason)
        else:
            _record_success(source_id, fetched)
    except Exception as exc:  # noqa: BLE001 - recorded on the source and logged, not hidden
        # What was fetched before stays; the error is noted and the next re-check tries again.
        logger.exception("re-check of source %s failed unexpectedly", source_id)
        _note_recheck_error(source_id, f"The page could not be read ({type(exc).__name__}).")


def _note_recheck_error(source_id: int, reason: str) -> None:
    Source.objects.filter(pk=source_id).update(
        last_error=reason,
        last_checked_at=timezone.now(),
        fetch_started_at=None,
        unfinished_fetches=0,
    )


def sources_sweep() -> int:
    """Queue every pending source that no message will bring to a worker: never queued (the
    broker was down), due for a retry the broker does not hold, or stuck in a fetch that died.
    Returns how many were queued; stops at the first broker error."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.FETCH_STUCK_AFTER)
    due = (
        Source.objects.filter(fetch_state=Source.State.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(fetch_started_at__isnull=True) | Q(fetch_started_at__lt=stale))
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stale))
        .order_by("created_at")
        .values_list("pk", flat=True)[: settings.FETCH_SWEEP_BATCH]
    )
    queued = 0
    for source_id in due:
        if not source_enqueue_fetch(source_id=source_id):
            break
        queued += 1
    return queued


def sources_recheck_due() -> int:
    """Queue a re-check of the sources of open rumors not checked for FETCH_RECHECK_INTERVAL."""
    before = timezone.now() - timedelta(seconds=settings.FETCH_RECHECK_INTERVAL)
    open_rumor = Q(rumors__status__in=Rumor.OPEN_STATUSES) | Q(
        evidence__rumor__status__in=Rumor.OPEN_STATUSES
    )
    due = (
        Source.objects.filter(open_rumor)
        .filter(fetch_state__in=(Source.State.FETCHED, Source.State.GONE))
        .filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=before))
        .order_by("last_checked_at")
        .values_list("pk", flat=True)
        .distinct()[: settings.FETCH_RECHECK_BATCH]
    )
    queued = 0
    for source_id in due:
        if not source_enqueue_recheck(source_id=source_id):
            break
        queued += 1
    return queued


def source_fetch_again(*, user, rumor: Rumor, source: Source) -> bool:
    """The submitter's (or a moderator's) "try again" on a link of this rumor whose fetch
    failed for good (no such host, 404...): pending again with a fresh count of attempts,
    queued once this commits. False if there was nothing to try again."""
    if not permissions.can_fetch_again(user, rumor):
        raise PermissionDenied(_("Only the rumor's submitter and moderators can try again."))
    with transaction.atomic():
        again = Source.objects.filter(
            pk=source.pk, rumors=rumor, fetch_state=Source.State.FAILED
        ).update(
            fetch_state=Source.State.PENDING,
            attempts=0,
            unfinished_fetches=0,
            last_error="",
            next_attempt_at=None,
            queued_at=None,
        )
        if again:
            source_queue_fetch(source=source)
    return bool(again)
