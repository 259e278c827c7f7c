"""The verdict scale: the one place that says what each verdict means and how it maps outward.

Pages, the API and the fact-check JSON-LD all read this module; the codes are a public contract.
"""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    FALSE = "false", _("False")
    AI_GENERATED = "ai_generated", _("AI-generated")
    EDITED = "edited", _("Edited")
    OUT_OF_CONTEXT = "out_of_context", _("Out of context")
    STAGED = "staged", _("Staged")
    SATIRE = "satire", _("Satire")
    UNPROVEN = "unproven", _("Unproven")


@dataclass(frozen=True)
class VerdictInfo:
    code: str
    label: Promise
    meaning: Promise
    colour: str  # badge background; every one has at least 4.5:1 contrast with white text
    # schema.org ClaimReview reviewRating on Google's 1 (false) to 5 (true) scale; None where
    # the scale does not apply (a claim that could not be settled).
    rating_value: int | None
    # schema.org MediaReview mediaAuthenticityCategory, for clips and images; None where the
    # verdict says nothing about the media itself.
    media_category: str | None
    media_label: str | None
    # The verdict says the media itself is fake or misleading: its frames are never the
    # largest picture of a page nor in any preview, and its link goes through a warning
    # (rumors.media.media_debunked asks this).
    media_debunked: bool = False


SCALE: dict[str, VerdictInfo] = {
    info.code: info
    for info in (
        VerdictInfo(
            Verdict.CONFIRMED,
            Verdict.CONFIRMED.label,
            _("The claim is true."),
            "#1e6b34",
            5,
            "OriginalMediaContent",
            "Original",
        ),
        VerdictInfo(
            Verdict.FALSE,
            Verdict.FALSE.label,
            _("The claim is false."),
            "#a4241b",
            1,
            None,
            None,
        ),
        VerdictInfo(
            Verdict.AI_GENERATED,
            Verdict.AI_GENERATED.label,
            _("The media was synthesised or face-swapped by AI."),
            "#5b2a9e",
            1,
            "TransformedContent",
            "Transformed",
            media_debunked=True,
        ),
        VerdictInfo(
            Verdict.EDITED,
            Verdict.EDITED.label,
            _("Real media, edited or cropped to change its meaning."),
            "#9a4a00",
            2,
            "EditedOrCroppedContent",
            "Edited or cropped",
            media_debunked=True,
        ),
        VerdictInfo(
            Verdict.OUT_OF_CONTEXT,
            Verdict.OUT_OF_CONTEXT.label,
            _("Real media with a false caption, date or place."),
            "#7a5c00",
            2,
            "DecontextualizedContent",
            "Missing context",
            media_debunked=True,
        ),
        VerdictInfo(
            Verdict.STAGED,
            Verdict.STAGED.label,
            _("A real recording of a staged scene, such as a drama scene or an advert."),
            "#00695c",
            1,
            "StagedContent",
            "Staged",
            media_debunked=True,
        ),
        VerdictInfo(
            Verdict.SATIRE,
            Verdict.SATIRE.label,
            _("Parody or satire that was taken as real."),
            "#1a5497",
            1,
            "SatireOrParodyContent",
            "Satire or parody",
        ),
        VerdictInfo(
            Verdict.UNPROVEN,
            Verdict.UNPROVEN.label,
            _("Not enough evidence either way."),
            "#55595e",
            None,
            None,
            None,
        ),
    )
}


def verdict_info(code: str) -> VerdictInfo | None:
    return SCALE.get(code) if code else None


# The words fans search a verdict by, in English and Korean (search folds Latin words the
# way it folds the rumors' text: lower case, no hyphens, no plural -s).
SEARCH_WORDS: dict[str, tuple[str, ...]] = {
    Verdict.CONFIRMED: ("confirmed", "true", "real", "fact", "사실", "진짜", "확인", "팩트"),
    Verdict.FALSE: ("false", "fake", "hoax", "거짓", "가짜", "허위", "루머"),
    Verdict.AI_GENERATED: (
        "ai",
        "aigenerated",
        "deepfake",
        "fake",
        "synthetic",
        "딥페이크",
        "합성",
        "조작",
        "가짜",
        "생성",
        "인공지능",
    ),
    Verdict.EDITED: ("edited", "doctored", "photoshop", "manipulated", "편집", "합성", "조작"),
    Verdict.OUT_OF_CONTEXT: ("context", "misleading", "맥락", "왜곡"),
    Verdict.STAGED: ("staged", "scripted", "연출", "주작"),
    Verdict.SATIRE: ("satire", "parody", "joke", "풍자", "패러디"),
    Verdict.UNPROVEN: ("unproven", "unverified", "미확인", "불확실"),
}


@dataclass(frozen=True)
class Outcome:
    """Where a round stands after its votes: a verdict, disputed, or still open."""

    verdict: str  # a code, or "" while no verdict stands
    disputed: bool
    tally: dict[str, int]
    # While no verdict stands: the fewest further votes that would settle the round, and the
    # verdicts they would settle it on (in the scale's order; none before the first vote).
    votes_needed: int = 0
    needed_for: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.tally.values())


def _votes_to_settle(
    count: int, total: int, runner_up: int, *, quorum: int, supermajority: Fraction
) -> int | None:
    """The fewest extra votes for a verdict holding `count` of `total` votes to stand, or None
    if no number of votes can (a supermajority of 1 with a vote against)."""
    floor = max(quorum - total, runner_up - count + 1, 0)
    if supermajority >= 1:
        return floor if count == total else None
    # (count + k) / (total + k) >= s  <=>  k >= (s * total - count) / (1 - s)
    share = (supermajority * total - count) / (1 - supermajority)
    return max(floor, math.ceil(share))


def consensus(
    votes: Iterable[str],
    *,
    quorum: int,
    supermajority: Fraction,
    dispute_after: int,
    electorate: int | None = None,
) -> Outcome:
    """The rule by which moderators agree.

    A verdict stands when at least `quorum` votes are in and one verdict holds at least
    `supermajority` of them, strictly more than any other (so a tie never resolves by the
    order the votes came in). Without one, the round is disputed once `dispute_after` votes
    are in, or once moderators disagree and the votes still to come (`electorate`, the
    moderators who may vote, less those who did) cannot settle it: three moderators split
    1-1-1 on a site of three. A disputed round stays open: changed votes may still settle it.
    """
    tally = Counter(votes)
    total = sum(tally.values())
    ranked = tally.most_common()
    if total >= quorum:
        leader, top = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if top > runner_up and Fraction(top, total) >= supermajority:
            return Outcome(leader, False, dict(tally))
    needs: dict[str, int] = {}
    for code, count in ranked:
        runner_up = max((n for other, n in ranked if other != code), default=0)
        k = _votes_to_settle(count, total, runner_up, quorum=quorum, supermajority=supermajority)
        if k is not None:
            needs[code] = k
    votes_needed = min(needs.values(), default=quorum if not total else 0)
    needed_for = tuple(code for code in SCALE if needs.get(code) == votes_needed)
    stuck = (
        electorate is not None
        and len(tally) > 1
        and (not needs or votes_needed > electorate - total)
    )
    return Outcome("", total >= dispute_after or stuck, dict(tally), votes_needed, needed_for)


def round_outcome(votes: Iterable[str], *, electorate: int | None = None) -> Outcome:
    """consensus() under the site's rule, read from the settings now (not at import, so that
    a changed setting changes what every page, the API and the services say)."""
    return consensus(
        votes,
        quorum=settings.VERDICT_QUORUM,
        supermajority=settings.VERDICT_SUPERMAJORITY,
        dispute_after=settings.VERDICT_DISPUTE_AFTER,
        electorate=electorate,
    )


def round_summary(outcome: Outcome, *, disputed: bool) -> str:
    """What the round needs next, in a sentence: the page and the API both say this."""
    if outcome.verdict:
        return gettext("Verdict reached.")
    if disputed:
        return gettext("Disputed: new evidence or changed votes needed.")
    if not outcome.tally:
        return ngettext(
            "Needs %(n)s vote, %(share)s%% of them for one verdict.",
            "Needs %(n)s votes, %(share)s%% of them for one verdict.",
            outcome.votes_needed,
        ) % {"n": outcome.votes_needed, "share": round(settings.VERDICT_SUPERMAJORITY * 100)}
    verdicts = gettext(" or ").join(str(SCALE[code].label) for code in outcome.needed_for)
    return ngettext(
        "Needs %(n)s more vote for %(verdicts)s.",
        "Needs %(n)s more votes for %(verdicts)s.",
        outcome.votes_needed,
    ) % {"n": outcome.votes_needed, "verdicts": verdicts}
