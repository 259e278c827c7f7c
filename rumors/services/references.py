"""The reference library: footage moderators register so that copies and fakes built on it are
found automatically.

- A moderator registers a link (fetched through the source pipeline like any submission) or
  uploads an image (`reference_register`). Its frames are hashed: the link's thumbnail and the
  other preview frames its platform offers (fetchers/frames.py), or the uploaded picture.
- A frame that matches the never-host bank is not added silently: the reference is held, and a
  moderator may clear it (`reference_clear`): the footage a fake was built from is exactly what
  the site needs to show. A link's picture goes through the bank's own report (the reports
  queue); an upload is kept out of reach in MEDIA_HELD_ROOT until cleared.
- Every newly stored picture of a link is compared with the library
  (`reference_suggest_for_source`, after each fetch) and every new reference with the links of
  open rumors (`reference_suggest_for_rumors`): a likely match becomes a suggested evidence
  item, "original footage", proposed by the site itself, which moderators accept or reject
  like any proposal.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from rumors import heldmedia, matching, permissions
from rumors.fetchers.frames import fetch_frame_hashes
from rumors.models import (
    Evidence,
    MatchExemption,
    Person,
    Reference,
    ReferenceFrame,
    Report,
    Rumor,
    Source,
    TimelineEvent,
    Work,
)
from rumors.selectors.bank import bank_match
from rumors.selectors.hash_index import hashes_near
from rumors.services.hash_index import hash_index_add
from rumors.services.queue import reference_queue_index, source_queue_fetch
from rumors.services.reports import report_decide
from rumors.services.rumors import check_length, source_get_or_create
from rumors.services.timeline import timeline_append
from rumors.text import clean_text
from rumors.uploads import clean_uploaded_image


@transaction.atomic
def reference_register(
    *,
    user: User,
    url: str = "",
    image=None,
    people: Iterable[Person] = (),
    works: Iterable[Work] = (),
    note: str = "",
) -> Reference:
    """Add reference media to the library: a link, fetched and hashed by the source pipeline
    (then `reference_index_source`), or an uploaded image, hashed here before it is stored."""
    if not permissions.can_manage_references(user):
        raise PermissionDenied(_("Only moderators add reference media."))
    url, note = clean_text(url or ""), clean_text(note or "", multiline=True)
    errors = {}
    if not url and not image:
        errors["url"] = _("Give a link, an image, or both.")
    check_length(errors, "note", note, Reference.NOTE_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    clean = None
    if image:
        try:
            clean = clean_uploaded_image(image)
        except ValidationError as exc:
            raise ValidationError({"image": exc.messages}) from exc
    source = None
    if url:
        source, _created = source_get_or_create(url=url)
    reference = Reference.objects.create(url=url, source=source, note=note, added_by=user)
    reference.people.set(people)
    reference.works.set(works)
    if clean is not None:
        _add_upload(reference, clean)
    elif source.fetch_state == Source.State.PENDING:
        source_queue_fetch(source=source)  # the fetch indexes it (reference_index_source)
    else:
        reference_queue_index(reference_id=reference.pk)
    return reference


def _add_upload(reference: Reference, clean) -> None:
    """An uploaded picture: in the library at once, unless it matches the never-host bank; it
    is then stored out of reach of /media/ and the reference waits for a moderator."""
    media_hash = clean.media_hash
    match = bank_match(media_hash)
    if match is None:
        reference.image.save(clean.file.name, clean.file, save=False)
    else:
        held = FileSystemStorage(location=settings.MEDIA_HELD_ROOT)
        reference.image.name = held.save(f"references/{clean.file.name}", clean.file)
        reference.bank_entry, reference.bank_bits = match.entry, match.bits
    reference.save(update_fields=["image", "bank_entry", "bank_bits"])
    _file_frames(reference, [("upload", media_hash)], held=match is not None)


def _file_frames(
    reference: Reference, frames: list[tuple[str, matching.MediaHash]], *, held: bool
) -> None:
    """Keep the frames; file them in the index and look for copies among the links of open
    rumors, unless the reference is held."""
    rows = []
    for label, media_hash in frames:
        frame, _created = ReferenceFrame.objects.get_or_create(
            reference=reference,
            pdq=media_hash.pdq,
            defaults={"label": label, "quality": media_hash.quality},
        )
        rows.append(frame)
    usable = [row for row in rows if row.quality >= matching.MIN_QUALITY]
    if held:
        reference.state = Reference.State.HELD
    elif usable:
        reference.state = Reference.State.IN_LIBRARY
    else:
        reference.state = Reference.State.NO_PICTURE
    reference.save(update_fields=["state"])
    if reference.state == Reference.State.IN_LIBRARY:
        hash_index_add(rows=usable)
        reference_suggest_for_rumors(reference=reference)


def reference_index_source(*, reference_id: int) -> None:
    """Hash a link reference from its fetched source: the stored thumbnail's hash, and the
    other preview frames of its platform (fetched here, before any transaction). A picture
    the never-host bank blocked holds the reference; running it twice adds nothing."""
    reference = Reference.objects.select_related("source").filter(pk=reference_id).first()
    if reference is None or reference.source is None or reference.image:
        return
    source = reference.source
    if source.fetch_state == Source.State.PENDING:
        return
    if source.is_media_blocked:
        report = (
            Report.objects.filter(source=source, status=Report.Status.OPEN)
            .exclude(bank_entry=None)
            .first()
        )
        with transaction.atomic():
            reference.state = Reference.State.HELD
            if report is not None:
                reference.bank_entry_id, reference.bank_bits = (
                    report.bank_entry_id,
                    report.match_bits,
                )
            reference.save(update_fields=["state", "bank_entry", "bank_bits"])
        return
    frames = []
    if source.media_hash is not None:
        frames.append(("thumbnail", source.media_hash))
        for label, media_hash in fetch_frame_hashes(source.image_url):
            # A frame the bank knows is left out; the thumbnail decides about the reference.
            if bank_match(media_hash) is None:
                frames.append((label, media_hash))
    with transaction.atomic():
        reference = Reference.objects.select_for_update().get(pk=reference.pk)
        _file_frames(reference, frames, held=False)


def references_of_source(*, source: Source) -> None:
    """After a fetch of a link: index the references resting on it."""
    waiting = (Reference.State.PENDING, Reference.State.HELD)
    for reference_id in Reference.objects.filter(source=source, state__in=waiting).values_list(
        "pk", flat=True
    ):
        reference_index_source(reference_id=reference_id)


@transaction.atomic
def reference_clear(*, moderator: User, reference: Reference, reason: str) -> Reference:
    """A moderator clears a reference held for matching the never-host bank. A link's picture
    is cleared through its bank-match report (dismissed: the hash is exempt, the link fetched
    again and indexed then); an upload is exempted, released and indexed here."""
    if not permissions.can_manage_references(moderator):
        raise PermissionDenied(_("Only moderators clear reference media."))
    reference = Reference.objects.select_for_update().get(pk=reference.pk)
    if reference.state != Reference.State.HELD:
        raise ValidationError(_("This reference is not held."), code="not_held")
    reason = clean_text(reason or "")
    if not reason:
        raise ValidationError({"reason": _("Say why.")})
    reference.cleared_by = moderator
    reference.save(update_fields=["cleared_by"])
    if not reference.image:
        reports = list(
            Report.objects.filter(source=reference.source_id, status=Report.Status.OPEN).exclude(
                bank_entry=None
            )
        )
        for report in reports:
            # Dismissed: the hash is exempt and the link fetched again, which indexes it.
            report_decide(
                moderator=moderator, report_id=report.pk, decision="dismiss", reason=reason
            )
        reference.state = Reference.State.PENDING
        reference.save(update_fields=["state"])
        if not reports:
            reference_queue_index(reference_id=reference.pk)
        return reference
    for frame in reference.frames.all():
        if reference.bank_entry_id:
            MatchExemption.objects.create(
                entry_id=reference.bank_entry_id,
                pdq=frame.pdq,
                quality=frame.quality,
                cleared_by=moderator,
                reason=reason,
            )
    heldmedia.release(reference.image.name)
    _file_frames(
        reference,
        [
            (frame.label, matching.MediaHash(frame.pdq, frame.quality))
            for frame in reference.frames.all()
        ],
        held=False,
    )
    return reference


def _suggest(*, rumor: Rumor, source: Source, reference: Reference, bits: int) -> Evidence | None:
    """The site's own suggestion: this reference is likely the original footage of the rumor's
    link. Once per rumor and reference (a database constraint)."""
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(
                rumor=rumor,
                kind=Evidence.Kind.ORIGINAL_FOOTAGE,
                stance=Evidence.Stance.CONTEXT,
                url=reference.url,
                source=reference.source,
                status=Evidence.Status.PROPOSED,
                submitted_by=None,
                suggestion=Evidence.Suggestion.REFERENCE,
                reference=reference,
                matched_source=source,
                match_bits=bits,
            )
    except IntegrityError:
        return None
    timeline_append(
        rumor=rumor,
        kind=TimelineEvent.Kind.EVIDENCE_PROPOSED,
        evidence=evidence,
        data={
            "kind": evidence.kind,
            "stance": evidence.stance,
            "reference": reference.pk,
            "bits": bits,
        },
    )
    return evidence


def _rumors_showing(source: Source):
    return Rumor.objects.filter(sources=source, status__in=Rumor.OPEN_STATUSES)


@transaction.atomic
def reference_suggest_for_source(*, source: Source) -> list[Evidence]:
    """Compare a link's newly stored picture with the library (an indexed lookup): each
    reference it likely matches is suggested on the open rumors showing the link."""
    frames = ReferenceFrame.objects.filter(reference__state=Reference.State.IN_LIBRARY).exclude(
        reference__source=source
    )
    near = hashes_near(frames, media_hash=source.media_hash, bits=matching.likely_bits())
    if not near:
        return []
    reference_of = dict(
        ReferenceFrame.objects.filter(pk__in=[pk for _bits, pk in near]).values_list(
            "pk", "reference_id"
        )
    )
    nearest: dict[int, int] = {}
    for bits, pk in near:  # nearest first: each reference keeps its nearest frame's bits
        nearest.setdefault(reference_of[pk], bits)
    made = []
    for reference in Reference.objects.filter(pk__in=nearest):
        for rumor in _rumors_showing(source):
            evidence = _suggest(
                rumor=rumor, source=source, reference=reference, bits=nearest[reference.pk]
            )
            if evidence is not None:
                made.append(evidence)
    return made


def reference_suggest_for_rumors(*, reference: Reference) -> list[Evidence]:
    """Compare a new reference with the pictures of the links of open rumors, in the caller's
    transaction. Reads those links' hashes once and compares in Python: open rumors are a
    small part of the site; an index of link hashes would be the next step."""
    frames = [
        matching.MediaHash(pdq, quality)
        for pdq, quality in reference.frames.filter(quality__gte=matching.MIN_QUALITY).values_list(
            "pdq", "quality"
        )
    ]
    if not frames:
        return []
    links = (
        Source.objects.filter(
            rumors__status__in=Rumor.OPEN_STATUSES, pdq_quality__gte=matching.MIN_QUALITY
        )
        .exclude(pdq="")
        .exclude(pk=reference.source_id or 0)
        .distinct()
    )
    made = []
    for source in links:
        bits = min(matching.distance(source.pdq, frame.pdq) for frame in frames)
        if bits > matching.likely_bits():
            continue
        for rumor in _rumors_showing(source):
            evidence = _suggest(rumor=rumor, source=source, reference=reference, bits=bits)
            if evidence is not None:
                made.append(evidence)
    return made
