"""Fixtures of the notifications tests."""

import pytest
from allauth.account.models import EmailAddress

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.services.votes import vote_cast


@pytest.fixture
def fan():
    """A member with a confirmed address, mailed at once (the default), in English."""
    user = UserFactory(username="dami-fan", language="en")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def reach_verdict():
    """Three moderators agree: the rumor gets its verdict (VERDICT_QUORUM is 3)."""

    def reach(rumor, verdict="ai_generated"):
        for _ in range(3):
            vote_cast(
                moderator=ModeratorFactory(), rumor=rumor, verdict=verdict,
                rationale="Faces swapped onto 2020 footage.",
            )  # fmt: skip

    return reach
