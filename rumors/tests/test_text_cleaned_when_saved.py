"""Text is cleaned when it is saved, whichever way it comes in (the site's forms, the API, a
fetched page), and the Atom feeds are robust to what was stored before: a control character in
one claim once made every feed answer 500 for everyone."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from rumors.models import Rumor
from rumors.services.evidence import evidence_submit
from rumors.tests.factories import PersonFactory, RumorFactory
from rumors.text import clean_text
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = "Airport\x1b[31m fight\x0b\x7f\x85"
HOSTILE_CLAIM = "They fought\x08 at\x0c Incheon.\r\nTwice,\tthey say.\x1f"


def test_clean_text_keeps_newlines_and_tabs_only_in_multiline_text():
    assert clean_text(HOSTILE_TITLE) == "Airport[31m fight"
    assert clean_text(HOSTILE_CLAIM, multiline=True) == "They fought at Incheon.\nTwice,\tthey say."
    assert clean_text("one\nline\ttitle") == "one line title"
    assert clean_text("a\x00b\ud800c\ufffe") == "abc"
    assert clean_text("  잠깐만요 ", max_length=3) == "잠깐만"
    assert clean_text(None) == ""


def test_rumor_submitted_on_the_site_is_stored_clean(client):
    client.force_login(UserFactory())
    data = {"url": "https://www.tiktok.com/@a/video/1", "title": HOSTILE_TITLE}
    client.post(reverse("rumors:submit"), {**data, "claim": HOSTILE_CLAIM})
    rumor = Rumor.objects.get()
    assert rumor.title == "Airport[31m fight"
    assert rumor.claim == "They fought at Incheon.\nTwice,\tthey say."


def test_rumor_submitted_through_the_api_is_stored_clean(settings):
    settings.API_THROTTLE_USER = "100000/min"
    api = APIClient()
    api.force_authenticate(UserFactory())
    body = {"url": "https://www.tiktok.com/@a/video/2", "title": HOSTILE_TITLE}
    response = api.post("/api/v1/rumors/", {**body, "claim": HOSTILE_CLAIM}, format="json")
    assert response.status_code == 201, response.content
    assert Rumor.objects.get().title == "Airport[31m fight"


def test_evidence_note_is_stored_clean():
    evidence = evidence_submit(
        user=UserFactory(),
        rumor=RumorFactory(),
        kind="original_footage",
        stance="refutes",
        url="https://www.youtube.com/watch?v=promo",
        note="Same set\x1b as the promo.\nSee 0:12.",
        timestamps="0:12\x07",
    )
    assert evidence.note == "Same set as the promo.\nSee 0:12."
    assert evidence.timestamps == "0:12"


@pytest.mark.parametrize("feed", ["syndication:feed", "syndication:person_feed"])
def test_feeds_answer_with_control_characters_already_stored(client, feed):
    person = PersonFactory(slug="kim-da-mi", name="Kim\x1b Da-mi")
    RumorFactory(
        title=HOSTILE_TITLE,
        claim=HOSTILE_CLAIM,
        verdict=Verdict.FALSE,
        verdict_reached_at="2026-11-30T10:00:00Z",
        people=[person],
    )
    args = ["kim-da-mi"] if feed == "syndication:person_feed" else []
    response = client.get(reverse(feed, args=args))
    assert response.status_code == 200
    assert "Airport[31m fight" in response.content.decode()
