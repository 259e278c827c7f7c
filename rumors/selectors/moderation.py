"""Reads for moderation: the rumor page's verdict panel, the queue, and the API's votes."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet

from accounts.models import User
from rumors import permissions
from rumors.models import Evidence, ModeratorComment, Person, Rumor, VerdictVote
from rumors.selectors import prefetch
from rumors.verdicts import SCALE, Outcome, round_outcome, round_summary


@dataclass(frozen=True)
class TallyRow:
    code: str
    label: str
    count: int


@dataclass
class RoundView:
    number: int
    verdict: str
    is_disputed: bool
    reopen_reason: str
    tally: list[TallyRow]
    summary: str  # what the round needs next
    votes: list  # VerdictVote rows, shown only once the round has a verdict


@dataclass
class RumorModeration:
    """What the rumor page shows of evidence and votes, for one reader."""

    current: RoundView
    earlier_rounds: list[RoundView]
    evidence_by_stance: list[tuple[str, list[Evidence]]]
    proposals: list[Evidence]  # awaiting a moderator: shown to moderators and their proposer
    my_vote: VerdictVote | None
    can_vote: bool
    can_add_evidence: bool
    can_propose_evidence: bool
    can_reopen: bool
    can_reject: bool
    can_moderate: bool
    can_hold: bool
    can_release: bool
    can_redact: bool
    can_translate: bool
    can_merge: bool


def tally_rows(outcome: Outcome) -> list[TallyRow]:
    """The tally in the scale's order, verdicts with no vote left out."""
    return [
        TallyRow(code, info.label, outcome.tally[code])
        for code, info in SCALE.items()
        if outcome.tally.get(code)
    ]


def rumor_moderation(*, rumor: Rumor, user: User) -> RumorModeration:
    """Evidence grouped by stance, the tally of each round, and what this reader may do.

    Expects `rumor` from rumor_get_for_user (evidence the reader may see prefetched); adds
    one query.
    """
    votes = list(
        VerdictVote.objects.filter(rumor=rumor).select_related("moderator").order_by("created_at")
    )
    rounds = {r.number: r for r in rumor.rounds.all()}
    views = []
    for number in range(1, rumor.review_round + 1):
        round_ = rounds.get(number)
        round_votes = [v for v in votes if v.round == number]
        outcome = round_outcome(v.verdict for v in round_votes)
        disputed = bool(round_ and round_.is_disputed)
        has_verdict = rumor.round_has_verdict(number)
        views.append(
            RoundView(
                number=number,
                verdict=round_.verdict if round_ else "",
                is_disputed=disputed,
                reopen_reason=round_.reopen_reason if round_ else "",
                tally=tally_rows(outcome),
                summary=round_summary(outcome, disputed=disputed) if rumor.is_open else "",
                votes=round_votes if has_verdict else [],
            )
        )
    accepted = [e for e in rumor.evidence.all() if e.status == Evidence.Status.ACCEPTED]
    proposals = [e for e in rumor.evidence.all() if e.status == Evidence.Status.PROPOSED]
    groups = [
        (label, [e for e in accepted if e.stance == stance])
        for stance, label in Evidence.Stance.choices
    ]
    my_vote = next(
        (v for v in votes if v.round == rumor.review_round and v.moderator_id == user.pk), None
    )
    return RumorModeration(
        current=views[-1],
        earlier_rounds=views[:-1],
        evidence_by_stance=[(label, items) for label, items in groups if items],
        proposals=proposals,
        my_vote=my_vote,
        can_vote=permissions.can_vote(user, rumor) and rumor.is_open,
        can_add_evidence=permissions.can_add_evidence(user, rumor),
        can_propose_evidence=permissions.can_propose_evidence(user, rumor),
        can_reopen=permissions.can_reopen(user, rumor) and rumor.status == Rumor.Status.RESOLVED,
        can_reject=permissions.can_reject(user, rumor),
        can_moderate=permissions.can_moderate(user),
        can_hold=permissions.can_hold(user, rumor),
        can_release=permissions.can_release(user, rumor),
        can_redact=permissions.can_redact(user, rumor),
        can_translate=permissions.can_translate(user, rumor),
        can_merge=permissions.can_merge(user, rumor),
    )


QUEUE_FILTERS = ("needs_evidence", "needs_votes", "disputed")


def moderation_queue(*, filter: str = "") -> QuerySet[Rumor]:
    """Rumors awaiting review, oldest first, with their evidence and current-round vote counts."""
    qs = (
        Rumor.objects.filter(status__in=Rumor.OPEN_STATUSES)
        .select_related("submitted_by")
        .prefetch_related(Prefetch("people", queryset=Person.objects.only("id", "name", "slug")))
        .annotate(
            evidence_count=Count(
                "evidence",
                filter=Q(evidence__status=Evidence.Status.ACCEPTED),
                distinct=True,
            ),
            proposal_count=Count(
                "evidence",
                filter=Q(evidence__status=Evidence.Status.PROPOSED),
                distinct=True,
            ),
            vote_count=Count("votes", filter=Q(votes__round=F("review_round")), distinct=True),
        )
        .order_by("created_at", "id")
    )
    if filter == "needs_evidence":
        qs = qs.filter(evidence_count=0)
    elif filter == "needs_votes":
        qs = qs.filter(vote_count__lt=settings.VERDICT_QUORUM, is_disputed=False)
    elif filter == "disputed":
        qs = qs.filter(is_disputed=True)
    return qs


def api_vote_id(*, moderator: User, rumor: Rumor) -> int | None:
    """The id of the moderator's vote in the rumor's current round, if any."""
    return (
        VerdictVote.objects.filter(
            rumor_id=rumor.pk, moderator=moderator, round=F("rumor__review_round")
        )
        .values_list("id", flat=True)
        .first()
    )


def api_vote_rumor(*, pk: int) -> Rumor:
    """A rumor as it stands after a vote, with the votes its tally counts."""
    return Rumor.objects.prefetch_related(prefetch.votes()).get(pk=pk)


def rumor_discussion(*, rumor: Rumor, user: User) -> list[ModeratorComment] | None:
    """The moderators' discussion of the rumor, oldest first; None for anyone but a
    moderator (who is shown nothing of it, not even that it exists)."""
    if not permissions.can_discuss(user, rumor):
        return None
    return list(rumor.moderator_comments.select_related("author"))
