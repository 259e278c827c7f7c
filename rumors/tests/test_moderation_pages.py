import re

import pytest
from django.urls import reverse

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor, VerdictVote
from rumors.services.evidence import evidence_submit
from rumors.services.votes import vote_cast
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("rumors:moderation")


def vote(rumor, verdict="ai_generated", rationale="Faces swapped."):
    vote_cast(moderator=ModeratorFactory(), rumor=rumor, verdict=verdict, rationale=rationale)


def test_queue_sends_anonymous_visitors_to_login(client):
    response = client.get(QUEUE)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_queue_refuses_members(client):
    client.force_login(UserFactory())
    assert client.get(QUEUE).status_code == 403


def test_queue_lists_open_rumors_oldest_first_with_counts(client):
    older, newer = RumorFactory(title="Older clip"), RumorFactory(title="Newer clip")
    Rumor.objects.filter(pk=older.pk).update(created_at=newer.created_at.replace(year=2024))
    resolved = RumorFactory(title="Settled clip")
    for _ in range(3):
        vote(resolved)
    vote(newer)
    client.force_login(ModeratorFactory())
    body = client.get(QUEUE).content.decode()
    assert body.index("Older clip") < body.index("Newer clip")
    assert "Settled clip" not in body


@pytest.mark.parametrize(
    ("filter", "shown", "hidden"),
    [
        ("needs_evidence", "Bare clip", "Documented clip"),
        ("needs_votes", "Bare clip", "Disputed clip"),
        ("disputed", "Disputed clip", "Bare clip"),
    ],
)
def test_queue_filters(client, filter, shown, hidden):
    RumorFactory(title="Bare clip")
    documented = RumorFactory(title="Documented clip")
    evidence_submit(
        user=ModeratorFactory(), rumor=documented, kind="news_report", stance="refutes",
        url="https://news.example.org/fact-check",
    )  # fmt: skip
    disputed = RumorFactory(title="Disputed clip")
    for verdict in ["false", "satire", "edited", "false", "satire"]:
        vote(disputed, verdict=verdict)
    client.force_login(ModeratorFactory())
    body = client.get(QUEUE, {"filter": filter}).content.decode()
    assert shown in body and hidden not in body


def test_queue_runs_a_bounded_number_of_queries(client, django_assert_num_queries):
    client.force_login(ModeratorFactory())
    RumorFactory.create_batch(3)
    # The rumors (3) and the people and works members proposed (2 more).
    with django_assert_num_queries(7):
        client.get(QUEUE)
    RumorFactory.create_batch(20)
    with django_assert_num_queries(7):
        assert client.get(QUEUE).status_code == 200


def test_anonymous_readers_see_the_result_but_no_forms(client):
    rumor = RumorFactory()
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert 'id="verdict"' in body
    assert reverse("rumors:vote", args=[rumor.pk]) not in body
    assert reverse("rumors:evidence_add", args=[rumor.pk]) not in body


def test_members_see_the_propose_form_only(client):
    rumor = RumorFactory()
    client.force_login(UserFactory())
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert reverse("rumors:evidence_add", args=[rumor.pk]) in body
    assert "Propose evidence" in body
    assert reverse("rumors:vote", args=[rumor.pk]) not in body


def test_moderators_see_vote_and_evidence_forms(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert reverse("rumors:vote", args=[rumor.pk]) in body
    assert "Add evidence" in body


@pytest.mark.parametrize("action", ["vote", "reopen"])
def test_a_member_posting_a_moderator_form_gets_403(client, action):
    rumor = RumorFactory()
    client.force_login(UserFactory())
    data = {"verdict": "false", "rationale": "I think so.", "reason": "Because."}
    assert client.post(reverse(f"rumors:{action}", args=[rumor.pk]), data).status_code == 403
    assert not VerdictVote.objects.exists()


def test_a_member_cannot_accept_evidence(client):
    rumor = RumorFactory()
    proposal = evidence_submit(
        user=UserFactory(), rumor=rumor, kind="other", stance="context", url="https://a.example/x"
    )
    client.force_login(UserFactory())
    url = reverse("rumors:evidence_accept", args=[rumor.pk, proposal.pk])
    assert client.post(url).status_code == 403


def test_anonymous_vote_is_sent_to_login(client):
    rumor = RumorFactory()
    response = client.post(reverse("rumors:vote", args=[rumor.pk]), {"verdict": "false"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert not VerdictVote.objects.exists()


def test_vote_without_rationale_is_explained_and_kept(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    response = client.post(reverse("rumors:vote", args=[rumor.pk]), {"verdict": "staged"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required." in body
    assert re.search(r'value="staged"[^>]*checked', body)
    assert not VerdictVote.objects.exists()


def test_individual_votes_stay_private_until_the_verdict(client):
    rumor = RumorFactory()
    vote(rumor, rationale="Jawline flickers at 0:06.")
    vote(rumor, rationale="Same set as the promo.")
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert "Jawline flickers" not in body
    assert "AI-generated" in body  # the tally is public
    vote(rumor, rationale="Original footage found.")
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert "Jawline flickers" in body and "Original footage found." in body


def test_rumor_page_queries_do_not_grow_with_evidence_and_votes(client, django_assert_num_queries):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    # The page also reads the moderators' discussion (one query, whatever its size) and asks
    # whether the member follows the rumor (its button).
    with django_assert_num_queries(13):
        client.get(rumor.get_absolute_url())
    for i in range(6):
        evidence_submit(
            user=ModeratorFactory(), rumor=rumor, kind="news_report", stance="refutes",
            url=f"https://news.example.org/{i}", note="**Report**",
        )  # fmt: skip
    for verdict in ["false", "satire", "edited", "false", "satire"]:
        vote(rumor, verdict=verdict)
    with django_assert_num_queries(13):
        assert client.get(rumor.get_absolute_url()).status_code == 200


def test_vote_form_groups_the_verdicts_under_a_legend(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    body = client.get(rumor.get_absolute_url()).content.decode()
    fieldset = re.search(r"<fieldset[^>]*>(.*?)</fieldset>", body, re.S)
    assert fieldset and re.search(r"<legend>Verdict:?</legend>", fieldset.group(1))
    assert fieldset.group(1).count('type="radio"') == 8


def test_vote_after_the_round_closed_says_why_and_shows_the_verdict(client):
    rumor = RumorFactory()
    for _ in range(3):
        vote(rumor)
    client.force_login(ModeratorFactory())
    data = {"verdict": "false", "rationale": "The caption is wrong."}
    response = client.post(reverse("rumors:vote", args=[rumor.pk]), data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "This round is closed." in body
    assert "by 3 moderators" in body  # the verdict box as it is now
    assert VerdictVote.objects.filter(rumor=rumor).count() == 3


def test_reopening_a_rumor_that_is_already_open_says_why(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    data = {"reason": "A new statement from the agency."}
    response = client.post(reverse("rumors:reopen", args=[rumor.pk]), data)
    assert response.status_code == 409
    assert "Only a rumor with a verdict can be reopened." in response.content.decode()
