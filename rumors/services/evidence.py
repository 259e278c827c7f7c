"""Evidence: members propose it, moderators attach it directly or accept proposals."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.services import follow_add
from rumors import permissions
from rumors.models import Evidence, Rumor, Source, TimelineEvent
from rumors.selectors import rumor_for_source
from rumors.selectors.bank import bank_match
from rumors.services.bank import bank_file_match
from rumors.services.queue import source_queue_fetch
from rumors.services.rumors import DuplicateSubmission, check_length, source_get_or_create
from rumors.services.timeline import timeline_append
from rumors.text import clean_text
from rumors.uploads import clean_uploaded_image


def _validate(*, kind: str, stance: str, url: str, image, note: str, timestamps: str) -> None:
    errors = {}
    if kind not in Evidence.Kind.values:
        errors["kind"] = _("Choose what kind of evidence this is.")
    if stance not in Evidence.Stance.values:
        errors["stance"] = _("Say whether it supports or refutes the claim, or adds context.")
    if not url and not image:
        errors["url"] = _("Give a link, an image, or both.")
    check_length(errors, "note", note, Evidence.NOTE_MAX_LENGTH)
    check_length(errors, "timestamps", timestamps, Evidence.TIMESTAMPS_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)


def _join_reupload(evidence: Evidence) -> None:
    """An accepted re-upload is one of the rumor's own links from now on."""
    if evidence.kind == Evidence.Kind.REUPLOAD and evidence.source_id:
        evidence.rumor.sources.add(evidence.source_id)


@transaction.atomic
def reupload_submit(*, user: User, rumor: Rumor, url: str) -> Evidence:
    """Another link to the same clip, through the same link keys and the same moderation as
    evidence: a member's waits as a proposal, a moderator's counts at once, and once accepted
    it is one of the rumor's links. A link already on this rumor is refused; one that belongs
    to another rumor raises DuplicateSubmission (the two may be the same clip: a moderator
    merges them)."""
    url = clean_text(url or "")
    if not url:
        raise ValidationError({"url": _("Give the link of the re-upload.")})
    source, created = source_get_or_create(url=url)
    if not created:
        if (
            rumor.sources.filter(pk=source.pk).exists()
            or rumor.evidence.filter(source=source, kind=Evidence.Kind.REUPLOAD)
            .exclude(status=Evidence.Status.REJECTED)
            .exists()
        ):
            raise ValidationError({"url": _("This link is already on this rumor.")}, code="known")
        other = rumor_for_source(source=source, user=user)
        if other is not None:
            raise DuplicateSubmission(other)
    return _evidence_create(
        user=user, rumor=rumor, kind=Evidence.Kind.REUPLOAD, stance=Evidence.Stance.CONTEXT, url=url
    )


@transaction.atomic
def evidence_submit(*, kind: str, **fields) -> Evidence:
    """A moderator's evidence counts at once; a member's waits as a proposal (see
    _evidence_create). A re-upload has its own service, reupload_submit."""
    if kind == Evidence.Kind.REUPLOAD:
        raise ValidationError({"kind": _("Add a re-upload with its own form.")})
    return _evidence_create(kind=kind, **fields)


def _evidence_create(
    *,
    user: User,
    rumor: Rumor,
    kind: str,
    stance: str,
    url: str = "",
    image=None,
    note: str = "",
    timestamps: str = "",
    statement_date: date | None = None,
) -> Evidence:
    """A moderator's evidence counts at once; a member's waits as a proposal.

    A link goes through the same source pipeline as submissions (fetched after commit, the
    same Source reused when the link is known); an image is re-encoded and stripped first,
    before the rumor's row lock is taken, so that nobody waits on Pillow. An image that
    matches the never-host bank is never stored: the evidence is saved without it, marked as
    blocked media (`evidence.is_media_blocked`), with a report for the moderators.
    """
    url, note = clean_text(url or ""), clean_text(note or "", multiline=True)
    timestamps = clean_text(timestamps or "")
    _validate(kind=kind, stance=stance, url=url, image=image, note=note, timestamps=timestamps)
    clean = None
    if image:
        try:
            clean = clean_uploaded_image(image)
        except ValidationError as exc:
            raise ValidationError({"image": exc.messages}) from exc
    # Looked up in memory, before the picture is written anywhere.
    match = bank_match(clean.media_hash) if clean else None

    rumor = Rumor.objects.select_for_update().get(pk=rumor.pk)
    direct = permissions.can_add_evidence(user, rumor)
    if not (direct or permissions.can_propose_evidence(user, rumor)):
        raise PermissionDenied(_("You cannot add evidence to this rumor."))
    source = None
    if url:
        source, _created = source_get_or_create(url=url)

    now = timezone.now()
    evidence = Evidence.objects.create(
        rumor=rumor,
        kind=kind,
        stance=stance,
        url=url,
        source=source,
        note=note,
        timestamps=timestamps,
        statement_date=statement_date,
        status=Evidence.Status.ACCEPTED if direct else Evidence.Status.PROPOSED,
        submitted_by=user,
        reviewed_by=user if direct else None,
        reviewed_at=now if direct else None,
        created_at=now,
    )
    if clean:
        # What the upload said of itself; the stored file is re-encoded and says nothing.
        evidence.provenance = clean.provenance.as_dict()
        evidence.save(update_fields=["provenance"])
    if clean and match is None:
        evidence.pdq, evidence.pdq_quality = clean.media_hash.pdq, clean.media_hash.quality
        evidence.image.save(clean.file.name, clean.file, save=False)
        evidence.save(update_fields=["image", "pdq", "pdq_quality"])
    timeline_append(
        rumor=rumor,
        kind=TimelineEvent.Kind.EVIDENCE_ADDED if direct else TimelineEvent.Kind.EVIDENCE_PROPOSED,
        actor=user,
        evidence=evidence,
        source=source,
        data={"kind": kind, "stance": stance},
    )
    if direct:
        _join_reupload(evidence)
    else:
        follow_add(member=user, target=rumor)  # the proposer is told what becomes of it
    if match is not None:
        # Never stored: the evidence is kept without its picture, and waits for a moderator.
        bank_file_match(match=match, evidence=evidence)
    if source and source.fetch_state == Source.State.PENDING:
        source_queue_fetch(source=source)
    return evidence


def _review(*, moderator: User, evidence: Evidence, status: str) -> Evidence:
    evidence = Evidence.objects.select_for_update().select_related("rumor").get(pk=evidence.pk)
    if not permissions.can_add_evidence(moderator, evidence.rumor):
        raise PermissionDenied(_("Only moderators review proposed evidence."))
    if evidence.status != Evidence.Status.PROPOSED:
        raise ValidationError(_("This evidence was already reviewed."), code="reviewed")
    evidence.status, evidence.reviewed_by, evidence.reviewed_at = status, moderator, timezone.now()
    evidence.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return evidence


@transaction.atomic
def evidence_accept(*, moderator: User, evidence: Evidence) -> Evidence:
    evidence = _review(moderator=moderator, evidence=evidence, status=Evidence.Status.ACCEPTED)
    _join_reupload(evidence)
    timeline_append(
        rumor=evidence.rumor,
        kind=TimelineEvent.Kind.EVIDENCE_ADDED,
        actor=moderator,
        evidence=evidence,
        source=evidence.source,
        data={"kind": evidence.kind, "stance": evidence.stance, "accepted": True},
    )
    return evidence


@transaction.atomic
def evidence_reject(*, moderator: User, evidence: Evidence) -> Evidence:
    """Reject a proposal (spam, off-topic). It stays in the database, hidden from readers."""
    evidence = _review(moderator=moderator, evidence=evidence, status=Evidence.Status.REJECTED)
    timeline_append(
        rumor=evidence.rumor,
        kind=TimelineEvent.Kind.EVIDENCE_REJECTED,
        actor=moderator,
        evidence=evidence,
        data={"kind": evidence.kind},
    )
    return evidence
