"""The never-host bank: pictures that must never be hosted again, kept as PDQ hashes alone.

- A moderator upholding a report of sexual imagery banks the hashes of the media it withheld,
  and the pictures themselves are deleted, thumbnails included (`bank_report_media`, called by
  services/reports.py).
- Every picture the site fetches or receives is looked up (`selectors.bank.bank_match`) in
  memory before it is stored: services/sources.py and services/evidence.py then store nothing
  and file a bank-match report (`bank_file_match`). Pictures stored before their hash entered
  the bank are found by `bank_sweep_stored` and withheld the same way.
- A moderator who dismisses a bank-match report clears a false match (original footage that a
  fake was built from, say): `match_exempt` records an exemption for that picture's hash.
- The bank travels as hashes only, JSON lines (`bank_import`; selectors.bank_export_rows).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from accounts.models import User
from rumors import heldmedia, matching
from rumors.models import (
    BankedHash,
    Evidence,
    MatchExemption,
    Report,
    Rumor,
    Source,
    TimelineEvent,
)
from rumors.selectors.bank import BankMatch, bank_match
from rumors.services import withholding
from rumors.services.hash_index import hash_index_add
from rumors.services.timeline import timeline_append


def bank_add(
    *, media_hash: matching.MediaHash, origin: str, report: Report | None = None
) -> BankedHash:
    """Bank a hash (once: a hash already banked keeps its first entry)."""
    entry, created = BankedHash.objects.get_or_create(
        pdq=media_hash.pdq,
        defaults={"quality": media_hash.quality, "origin": origin, "report": report},
    )
    if created:
        hash_index_add(rows=[entry])
    return entry


def _stored_hash(name: str) -> matching.MediaHash | None:
    """The hash of a stored file, served or held: for media fetched before hashes were kept."""
    for root in (settings.MEDIA_HELD_ROOT, settings.MEDIA_ROOT):
        path = Path(root) / name
        if path.is_file():
            try:
                with Image.open(path) as image:
                    return matching.hash_image(image)
            except (UnidentifiedImageError, OSError, ValueError):
                return None
    return None


def bank_report_media(*, report: Report) -> int:
    """Bank the hashes of everything an upheld report withheld, and delete its pictures for
    good once the transaction commits (the rows keep the hash, and stay withheld). Runs in
    the caller's transaction, after the report's media were withheld. Returns how many
    hashes went into the bank. The same pictures stored elsewhere on the site are withheld
    too, each with a bank-match report of its own."""
    rows: list[Source | Evidence] = [
        *Source.objects.select_for_update().filter(pk__in=report.hidden_sources.values("pk")),
        *Evidence.objects.select_for_update().filter(pk__in=report.hidden_evidence.values("pk")),
    ]
    entries: list[BankedHash] = []
    doomed: list[str] = []
    for row in rows:
        names = row.media_files()
        media_hash = row.media_hash or next(filter(None, map(_stored_hash, names)), None)
        if media_hash is not None:
            row.pdq, row.pdq_quality = media_hash.pdq, media_hash.quality
            if media_hash.usable:
                entries.append(
                    bank_add(media_hash=media_hash, origin=BankedHash.Origin.REPORT, report=report)
                )
        doomed += names
        if isinstance(row, Source):
            row.thumbnail.name = row.thumbnail_small.name = ""
            fields = ["pdq", "pdq_quality", "thumbnail", "thumbnail_small"]
        else:
            row.image.name = ""
            fields = ["pdq", "pdq_quality", "image"]
        row.save(update_fields=fields)
    transaction.on_commit(lambda: [heldmedia.delete(name) for name in doomed])
    bank_sweep_stored(entries=entries)
    return len(entries)


def _shown_on(source: Source) -> Rumor | None:
    """The first rumor showing a link, as a submitted link or else as evidence."""
    return (
        Rumor.objects.filter(sources=source).order_by("id").first()
        or Rumor.objects.filter(evidence__source=source).order_by("id").first()
    )


def bank_file_match(
    *, match: BankMatch, source: Source | None = None, evidence: Evidence | None = None
) -> Report | None:
    """The site's own report for a picture that matched the never-host bank, filed in the
    caller's transaction: the link (or evidence item) is marked as blocked media and withheld
    at once, and the report waits in the moderators' queue with the match. A picture just
    fetched or uploaded was never stored; one stored before (bank_sweep_stored) is held out of
    reach like any reported picture. A row already withheld files nothing more (a re-check of
    a removed link)."""
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
    withholding.withhold(report)
    for rumor in withholding.rumors_of(*withholding.media_of(report), report.rumor):
        timeline_append(
            rumor=rumor,
            kind=TimelineEvent.Kind.REPORTED,
            data={"report": report.pk, "category": report.category, "bank_match": True},
        )
    return report


def bank_sweep_stored(*, entries: list[BankedHash]) -> int:
    """Withhold the pictures already stored that these new bank entries likely match (the same
    frame under another link, kept before it was banked), each with a bank-match report, as
    if it had just been fetched. Runs in the caller's transaction. Returns how many.

    Reads every stored hash once and compares it with each entry in Python: fine for a few
    entries (an upheld report); an import of many thousands takes a while."""
    pdqs = [entry.pdq for entry in entries if entry.quality >= matching.MIN_QUALITY]
    if not pdqs:
        return 0
    count = 0
    for model, kind in ((Source, "source"), (Evidence, "evidence")):
        stored = (
            model.objects.filter(
                media_hidden_at__isnull=True, pdq_quality__gte=matching.MIN_QUALITY
            )
            .exclude(pdq="")
            .values_list("pk", "pdq", "pdq_quality")
        )
        for pk, pdq, quality in stored:
            if min(matching.distance(pdq, other) for other in pdqs) > matching.likely_bits():
                continue
            # The whole bank decides, exemptions included.
            match = bank_match(matching.MediaHash(pdq=pdq, quality=quality))
            if match is not None:
                row = model.objects.select_for_update().get(pk=pk)
                count += bank_file_match(match=match, **{kind: row}) is not None
    return count


def match_exempt(*, report: Report, moderator: User, reason: str) -> MatchExemption | None:
    """Clear a false bank match (a dismissed bank-match report): the picture's hash no longer
    matches that entry, and the link or evidence item is no longer marked as blocked."""
    if report.bank_entry_id is None or not report.match_pdq:
        return None
    exemption = MatchExemption.objects.create(
        entry_id=report.bank_entry_id,
        pdq=report.match_pdq,
        quality=report.match_quality or 0,
        report=report,
        cleared_by=moderator,
        reason=reason,
    )
    for model, pk in ((Source, report.source_id), (Evidence, report.evidence_id)):
        if pk is not None:
            model.objects.filter(pk=pk).update(media_blocked_at=None)
    return exemption


@dataclass
class ImportResult:
    added: int = 0
    known: int = 0
    # Pictures already stored that the new hashes matched, now withheld.
    withheld: int = 0
    errors: list[str] = field(default_factory=list)


def _parse_line(text: str) -> tuple[matching.MediaHash, datetime]:
    try:
        row = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from exc
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    pdq, quality, added_at = row.get("pdq"), row.get("quality"), row.get("added_at")
    if not isinstance(pdq, str) or not isinstance(quality, int) or isinstance(quality, bool):
        raise ValueError('needs "pdq" (64 hex digits) and "quality" (0-100)')
    media_hash = matching.MediaHash(pdq=pdq.lower(), quality=quality)
    when = timezone.now()
    if added_at is not None:
        try:
            when = datetime.fromisoformat(str(added_at))
        except ValueError as exc:
            raise ValueError('"added_at" is not an ISO 8601 date and time') from exc
        if timezone.is_naive(when):
            when = timezone.make_aware(when, UTC)
    return media_hash, when


def bank_import(*, lines) -> ImportResult:
    """Add the hashes of a JSON-lines export (`pdq`, `quality`, `added_at`) to the bank. A
    hash already banked is left as it is, so importing a file twice adds nothing; a bad line
    is reported by number and skipped, the others are kept. Pictures already stored that a
    new hash likely matches are withheld, each with a bank-match report."""
    result = ImportResult()
    added: list[BankedHash] = []
    for number, text in enumerate(lines, start=1):
        text = text.strip()
        if not text:
            continue
        try:
            media_hash, when = _parse_line(text)
        except ValueError as exc:
            result.errors.append(f"line {number}: {exc}")
            continue
        entry, created = BankedHash.objects.get_or_create(
            pdq=media_hash.pdq,
            defaults={
                "quality": media_hash.quality,
                "origin": BankedHash.Origin.IMPORT,
                "added_at": when,
            },
        )
        if created:
            result.added += 1
            added.append(entry)
        else:
            result.known += 1
    with transaction.atomic():
        hash_index_add(rows=added)
        result.withheld = bank_sweep_stored(entries=added)
    return result
