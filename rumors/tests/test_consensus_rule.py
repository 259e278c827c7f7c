from fractions import Fraction

import pytest

from rumors.verdicts import consensus

RULE = {"quorum": 3, "supermajority": Fraction(2, 3), "dispute_after": 5}


def test_fewer_votes_than_the_quorum_never_decide():
    outcome = consensus(["ai_generated", "ai_generated"], **RULE)
    assert outcome.verdict == "" and not outcome.disputed


def test_third_agreeing_vote_reaches_verdict():
    assert consensus(["false"] * 3, **RULE).verdict == "false"


def test_two_of_three_is_exactly_two_thirds_and_stands():
    assert consensus(["staged", "staged", "satire"], **RULE).verdict == "staged"


def test_three_different_votes_stay_open():
    outcome = consensus(["false", "satire", "unproven"], **RULE)
    assert outcome.verdict == "" and not outcome.disputed
    assert outcome.tally == {"false": 1, "satire": 1, "unproven": 1}


def test_no_supermajority_after_five_votes_is_disputed():
    outcome = consensus(["false", "false", "satire", "satire", "edited"], **RULE)
    assert outcome.verdict == "" and outcome.disputed


def test_a_late_supermajority_still_resolves_a_disputed_round():
    votes = ["false", "false", "satire", "satire", "edited", "false", "false", "false"]
    assert consensus(votes, **RULE).verdict == ""  # 5 of 8 is under two thirds
    assert consensus(votes, **RULE).disputed
    assert consensus([*votes, "false"], **RULE).verdict == "false"  # 6 of 9 is two thirds


@pytest.mark.parametrize("order", [["a", "b", "a", "b"], ["b", "a", "b", "a"]])
def test_a_tie_never_resolves_whatever_the_order(order):
    rule = {"quorum": 2, "supermajority": Fraction(1, 2), "dispute_after": 10}
    assert consensus(order, **rule).verdict == ""
