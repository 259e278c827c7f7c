"""The whole path through the web pages: a member submits, another proposes evidence, a
moderator accepts it, three moderators vote, and the verdict shows on the page and in order in
the timeline."""

import pytest
from django.test import Client

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence, Rumor
from rumors.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_submission_to_verdict_through_the_pages():
    PersonFactory(slug="park-seo-joon", name="Park Seo-joon")
    submitter = as_user(UserFactory())
    response = submitter.post(
        "/en/submit/",
        {
            "url": "https://www.tiktok.com/@itaewon.secrets/video/7481234567890123456",
            "title": "Off-screen kiss clip",
            "claim": "Park Seo-joon and Kim Da-mi kissed backstage.",
            "people": ["park-seo-joon"],
        },
    )
    rumor = Rumor.objects.get()
    assert response["Location"] == rumor.get_absolute_url()

    helper = as_user(UserFactory())
    response = helper.post(
        f"/en/rumors/{rumor.pk}/evidence/",
        {
            "kind": "original_footage",
            "stance": "refutes",
            "url": "https://www.youtube.com/watch?v=ItaewonPromo2020",
            "timestamps": "0:03-0:11 = 1:42-1:50",
            "note": "The **2020 promotion** video, same set and clothes.",
        },
    )
    assert response.status_code == 302
    proposal = Evidence.objects.get()

    moderators = [as_user(ModeratorFactory()) for _ in range(3)]
    moderators[0].post(f"/en/rumors/{rumor.pk}/evidence/{proposal.pk}/accept/")
    for i, moderator in enumerate(moderators):
        response = moderator.post(
            f"/en/rumors/{rumor.pk}/vote/",
            {"verdict": "ai_generated", "rationale": f"Faces swapped onto the 2020 promo ({i})."},
        )
        assert response.status_code == 302

    page = Client().get(rumor.get_absolute_url()).content.decode()
    assert "AI-generated" in page
    assert "The media was synthesised or face-swapped by AI." in page
    assert "Faces swapped onto the 2020 promo (2)." in page
    assert "<strong>2020 promotion</strong>" in page
    assert page.index("Verdict reached") > page.index("Vote cast")

    rumor.refresh_from_db()
    assert (rumor.status, rumor.verdict) == ("resolved", "ai_generated")
    assert list(rumor.events.values_list("kind", flat=True)) == [
        "submitted",
        "evidence_proposed",
        "evidence_added",
        "vote_cast",
        "vote_cast",
        "vote_cast",
        "verdict_reached",
    ]
