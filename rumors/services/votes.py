"""Verdict votes, consensus and reopening.

Every function here locks the rumor row first: two moderators voting at the same instant are
served one after the other, so the second sees the first's vote and exactly one verdict event
is written.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from rumors import permissions
from rumors.models import ReviewRound, Rumor, TimelineEvent, VerdictVote
from rumors.services.rumors import check_length, required_text
from rumors.services.timeline import timeline_append
from rumors.text import clean_text
from rumors.verdicts import Verdict, round_outcome


class RoundClosed(ValidationError):
    """The current round already has a verdict: nobody votes until a moderator reopens it."""

    def __init__(self):
        super().__init__(
            _("This round is closed. A moderator can reopen the rumor for a new round."),
            code="closed",
        )


class ReopenNotAllowed(ValidationError):
    """Only a rumor with a verdict is reopened (another moderator may have reopened it)."""

    def __init__(self):
        super().__init__(_("Only a rumor with a verdict can be reopened."), code="not_resolved")


def _lock(rumor: Rumor) -> Rumor:
    return Rumor.objects.select_for_update().get(pk=rumor.pk)


def _current_round(rumor: Rumor) -> ReviewRound:
    round_, _created = ReviewRound.objects.get_or_create(
        rumor=rumor, number=rumor.review_round, defaults={"opened_at": rumor.created_at}
    )
    return round_


@transaction.atomic
def vote_cast(*, moderator: User, rumor: Rumor, verdict: str, rationale: str) -> VerdictVote:
    """Cast or change a moderator's vote in the current round, then apply the consensus rule.

    Everything that does not need the row lock (who may vote, the input) is checked before it
    is taken, so other voters never wait on a refusal."""
    if not permissions.can_vote(moderator, rumor):
        if permissions.needs_second_factor(moderator):
            raise PermissionDenied(permissions.SECOND_FACTOR_REQUIRED)
        if permissions.is_moderator(moderator):
            raise PermissionDenied(_("You submitted this rumor, so you do not vote on it."))
        raise PermissionDenied(_("Only moderators vote on verdicts."))
    rationale = clean_text(rationale or "", multiline=True)
    errors = {}
    if verdict not in Verdict.values:
        errors["verdict"] = _("Choose a verdict from the scale.")
    if not rationale:
        errors["rationale"] = _("Give a short rationale for your vote.")
    check_length(errors, "rationale", rationale, VerdictVote.RATIONALE_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    rumor = _lock(rumor)
    if not rumor.is_open:
        raise RoundClosed()

    now = timezone.now()
    vote = VerdictVote.objects.filter(
        rumor=rumor, moderator=moderator, round=rumor.review_round
    ).first()
    if vote and (vote.verdict, vote.rationale) == (verdict, rationale):
        return vote  # the same vote again changes nothing
    if vote:
        vote.verdict, vote.rationale, vote.updated_at = verdict, rationale, now
        vote.save(update_fields=["verdict", "rationale", "updated_at"])
        kind = TimelineEvent.Kind.VOTE_CHANGED
    else:
        vote = VerdictVote.objects.create(
            rumor=rumor,
            moderator=moderator,
            round=rumor.review_round,
            verdict=verdict,
            rationale=rationale,
            created_at=now,
            updated_at=now,
        )
        kind = TimelineEvent.Kind.VOTE_CAST
    # Individual votes stay private until the round has a verdict: the event says who voted,
    # not how.
    timeline_append(rumor=rumor, kind=kind, actor=moderator, data={"round": rumor.review_round})
    _apply_consensus(rumor=rumor, now=now)
    return vote


def _electorate(rumor: Rumor) -> int:
    """How many moderators may vote on the rumor: all of them but its submitter."""
    return User.objects.moderators().exclude(pk=rumor.submitted_by_id).count()


def _apply_consensus(*, rumor: Rumor, now) -> None:
    votes = VerdictVote.objects.filter(rumor=rumor, round=rumor.review_round)
    outcome = round_outcome(votes.values_list("verdict", flat=True), electorate=_electorate(rumor))
    round_ = _current_round(rumor)
    data = {"round": rumor.review_round, "tally": outcome.tally}
    rumor.status = Rumor.Status.UNDER_REVIEW
    if outcome.verdict:
        rumor.status, rumor.verdict, rumor.verdict_reached_at = (
            Rumor.Status.RESOLVED,
            outcome.verdict,
            now,
        )
        rumor.is_disputed = False
        round_.verdict, round_.closed_at, round_.is_disputed = outcome.verdict, now, False
        round_.save(update_fields=["verdict", "closed_at", "is_disputed"])
        timeline_append(
            rumor=rumor,
            kind=TimelineEvent.Kind.VERDICT_REACHED,
            data={**data, "verdict": outcome.verdict},
        )
    elif outcome.disputed and not rumor.is_disputed:
        rumor.is_disputed = round_.is_disputed = True
        round_.save(update_fields=["is_disputed"])
        timeline_append(rumor=rumor, kind=TimelineEvent.Kind.DISPUTED, data=data)
    rumor.save(
        update_fields=["status", "verdict", "verdict_reached_at", "is_disputed", "updated_at"]
    )


@transaction.atomic
def rumor_reopen(*, moderator: User, rumor: Rumor, reason: str) -> Rumor:
    """Start a new review round on a resolved rumor. The closed round keeps its votes and
    verdict; the rumor shows no verdict until the new round reaches one."""
    if not permissions.can_reopen(moderator, rumor):
        raise PermissionDenied(_("Only moderators reopen rumors."))
    reason = required_text(
        reason,
        field="reason",
        limit=ReviewRound.REOPEN_REASON_MAX_LENGTH,
        missing=_("Say what new evidence calls for another look."),
    )
    rumor = _lock(rumor)
    if rumor.status != Rumor.Status.RESOLVED:
        raise ReopenNotAllowed()
    previous = rumor.verdict
    rumor.review_round += 1
    ReviewRound.objects.create(
        rumor=rumor, number=rumor.review_round, opened_by=moderator, reopen_reason=reason
    )
    rumor.status, rumor.verdict, rumor.verdict_reached_at = Rumor.Status.UNDER_REVIEW, "", None
    rumor.is_disputed = False
    rumor.save(
        update_fields=[
            "review_round",
            "status",
            "verdict",
            "verdict_reached_at",
            "is_disputed",
            "updated_at",
        ]
    )
    timeline_append(
        rumor=rumor,
        kind=TimelineEvent.Kind.REOPENED,
        actor=moderator,
        data={"round": rumor.review_round, "previous_verdict": previous, "reason": reason},
    )
    return rumor
