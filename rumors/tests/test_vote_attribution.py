"""Until a round has its verdict the public sees the tally and that a moderator voted, not who:
a voter cannot be lobbied (or harassed) mid-round. Moderators see who; after the verdict,
everyone does."""

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.services.votes import vote_cast
from rumors.tests.factories import RumorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]


def vote(rumor, name, verdict="ai_generated"):
    moderator = ModeratorFactory(username=name, display_name="")
    vote_cast(moderator=moderator, rumor=rumor, verdict=verdict, rationale="Face swap.")
    return moderator


def api_actors(rumor, user=None) -> list:
    api = APIClient()
    if user:
        api.force_authenticate(user)
    rumor_events = api.get(f"/api/v1/rumors/{rumor.pk}/timeline/").json()["results"]
    stream = api.get("/api/v1/timeline/").json()["results"]
    return [e["actor"] for e in rumor_events + stream if e["kind"] == "vote_cast"]


def test_the_public_does_not_see_who_voted_before_the_verdict(client):
    rumor = RumorFactory()
    vote(rumor, "voterone")
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "voterone" not in page and "a moderator" in page
    assert api_actors(rumor) == [None, None]
    assert api_actors(rumor, UserFactory()) == [None, None]


def test_the_tally_is_public_before_the_verdict():
    rumor = RumorFactory()
    vote(rumor, "voterone")
    votes = APIClient().get(f"/api/v1/rumors/{rumor.pk}/").json()["votes"]
    assert votes["counts"] == {"ai_generated": 1}


def test_moderators_see_who_voted(client):
    rumor = RumorFactory()
    vote(rumor, "voterone")
    moderator = ModeratorFactory()
    client.force_login(moderator)
    assert "voterone" in client.get(rumor.get_absolute_url()).content.decode()
    assert api_actors(rumor, moderator) == ["voterone"] * 2


def test_everyone_sees_who_voted_once_the_verdict_is_in(client):
    rumor = RumorFactory()
    for name in ("voterone", "votertwo", "voterthree"):
        vote(rumor, name)
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "voterone" in page and "voterthree" in page
    assert sorted(api_actors(rumor)) == sorted(["voterone", "votertwo", "voterthree"] * 2)
