"""The verdict scale: the one place that says what each verdict means and how it maps outward.

Pages, the API and the fact-check JSON-LD all read this module; the codes are a public contract.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.db import models
from django.utils.functional import Promise
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
        ),
        VerdictInfo(
            Verdict.EDITED,
            Verdict.EDITED.label,
            _("Real media, edited or cropped to change its meaning."),
            "#9a4a00",
            2,
            "EditedOrCroppedContent",
            "Edited or cropped",
        ),
        VerdictInfo(
            Verdict.OUT_OF_CONTEXT,
            Verdict.OUT_OF_CONTEXT.label,
            _("Real media with a false caption, date or place."),
            "#7a5c00",
            2,
            "DecontextualizedContent",
            "Missing context",
        ),
        VerdictInfo(
            Verdict.STAGED,
            Verdict.STAGED.label,
            _("A real recording of a staged scene, such as a drama scene or an advert."),
            "#00695c",
            1,
            "StagedContent",
            "Staged",
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


@dataclass(frozen=True)
class Outcome:
    """Where a round stands after its votes: a verdict, disputed, or still open."""

    verdict: str  # a code, or "" while no verdict stands
    disputed: bool
    tally: dict[str, int]


def consensus(
    votes: Iterable[str], *, quorum: int, supermajority: Fraction, dispute_after: int
) -> Outcome:
    """The rule by which moderators agree.

    A verdict stands when at least `quorum` votes are in and one verdict holds at least
    `supermajority` of them, strictly more than any other (so a tie never resolves by the
    order the votes came in). With `dispute_after` votes and no such verdict, the round is
    disputed and stays open for more votes.
    """
    tally = Counter(votes)
    total = sum(tally.values())
    if total >= quorum:
        ranked = tally.most_common()
        leader, top = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if top > runner_up and Fraction(top, total) >= supermajority:
            return Outcome(leader, False, dict(tally))
    return Outcome("", total >= dispute_after, dict(tally))
