"""A round that no vote still to come can settle is disputed, and the page and the API say what
the round needs next. Three moderators split 1-1-1 on a site of three used to wait forever for
the five votes of the dispute threshold."""

from fractions import Fraction

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory
from rumors.models import TimelineEvent
from rumors.services.votes import vote_cast
from rumors.tests.factories import RumorFactory
from rumors.verdicts import consensus

pytestmark = pytest.mark.django_db

RULE = {"quorum": 3, "supermajority": Fraction(2, 3), "dispute_after": 5}


def cast(moderator, rumor, verdict):
    return vote_cast(moderator=moderator, rumor=rumor, verdict=verdict, rationale="Checked.")


def test_votes_needed_for_the_leading_verdict():
    outcome = consensus(["ai_generated", "false", "ai_generated", "false", "ai_generated"], **RULE)
    # 3 of 5 is 60%; 4 of 6 would be 67%: one more vote for AI-generated settles it.
    assert (outcome.verdict, outcome.votes_needed, outcome.needed_for) == ("", 1, ("ai_generated",))


def test_a_tie_names_both_verdicts():
    outcome = consensus(["false", "ai_generated"], **RULE)
    assert (outcome.votes_needed, outcome.needed_for) == (1, ("false", "ai_generated"))


def test_before_any_vote_the_round_needs_the_quorum():
    outcome = consensus([], **RULE)
    assert (outcome.votes_needed, outcome.needed_for, outcome.disputed) == (3, (), False)


def test_a_split_that_the_remaining_moderators_cannot_settle_is_disputed():
    split = ["false", "satire", "unproven"]
    assert consensus(split, **RULE, electorate=3).disputed
    assert not consensus(split, **RULE, electorate=9).disputed  # six more may still vote
    assert not consensus(split, **RULE).disputed  # nobody counted the moderators


def test_agreeing_votes_short_of_the_quorum_are_not_a_dispute():
    assert not consensus(["false", "false"], **RULE, electorate=2).disputed


@pytest.fixture
def three_way_split():
    """A site of three moderators, who each vote something else."""
    rumor = RumorFactory()
    moderators = [ModeratorFactory() for _ in range(3)]
    for moderator, verdict in zip(moderators, ["false", "satire", "unproven"], strict=True):
        cast(moderator, rumor, verdict)
    rumor.refresh_from_db()
    return rumor, moderators


def test_three_moderators_split_three_ways_dispute_the_round(three_way_split):
    rumor, _ = three_way_split
    assert rumor.is_disputed and rumor.is_open and rumor.verdict == ""
    assert rumor.events.filter(kind=TimelineEvent.Kind.DISPUTED).count() == 1
    assert rumor.rounds.get(number=1).is_disputed


def test_the_page_and_the_api_say_what_a_disputed_round_needs(three_way_split, client):
    rumor, _ = three_way_split
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "Disputed: new evidence or changed votes needed." in page
    votes = APIClient().get(f"/api/v1/rumors/{rumor.pk}/").json()["votes"]
    assert votes["summary"] == "Disputed: new evidence or changed votes needed."
    assert votes["needs"] == {"votes": 0, "verdicts": []}


def test_changed_votes_that_meet_the_rule_close_a_disputed_round(three_way_split):
    rumor, moderators = three_way_split
    cast(moderators[1], rumor, "false")
    rumor.refresh_from_db()
    assert (rumor.status, rumor.verdict, rumor.is_disputed) == ("resolved", "false", False)


def test_an_open_round_says_how_many_more_votes_it_needs(client):
    rumor = RumorFactory()
    for _ in range(4):
        ModeratorFactory()
    cast(ModeratorFactory(), rumor, "ai_generated")
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "Needs 2 more votes for AI-generated." in page
    votes = APIClient().get(f"/api/v1/rumors/{rumor.pk}/").json()["votes"]
    assert votes["needs"] == {"votes": 2, "verdicts": ["ai_generated"]}
    assert votes["summary"] == "Needs 2 more votes for AI-generated."


def test_the_rule_is_read_from_the_settings_when_a_page_renders(client):
    rumor = RumorFactory()
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "Needs 3 votes, 67% of them for one verdict." in page
    with override_settings(VERDICT_QUORUM=5, VERDICT_SUPERMAJORITY=Fraction(3, 4)):
        page = client.get(rumor.get_absolute_url()).content.decode()
        votes = APIClient().get(f"/api/v1/rumors/{rumor.pk}/").json()["votes"]
    assert "Needs 5 votes, 75% of them for one verdict." in page
    assert votes["needs"]["votes"] == 5


def test_the_vote_form_says_what_each_verdict_means(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "AI-generated: The media was synthesised or face-swapped by AI." in page
    assert "Staged: A real recording of a staged scene" in page
