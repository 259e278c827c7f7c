"""Each limit lives on its model and the service checks it; the web forms and the API's
serializers read the same constant, so a claim the site refuses is refused by the API too."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.forms import EvidenceForm, RejectForm, ReopenForm, SubmitRumorForm, VoteForm
from rumors.models import Evidence, ReviewRound, Rumor, VerdictVote
from rumors.services.evidence import evidence_submit
from rumors.services.rumors import rumor_submit
from rumors.services.votes import vote_cast
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def test_forms_read_the_model_limits():
    assert SubmitRumorForm().fields["claim"].max_length == Rumor.CLAIM_MAX_LENGTH
    assert SubmitRumorForm().fields["title"].max_length == Rumor.TITLE_MAX_LENGTH
    assert EvidenceForm().fields["note"].max_length == Evidence.NOTE_MAX_LENGTH
    assert VoteForm().fields["rationale"].max_length == VerdictVote.RATIONALE_MAX_LENGTH
    assert ReopenForm().fields["reason"].max_length == ReviewRound.REOPEN_REASON_MAX_LENGTH
    assert RejectForm().fields["reason"].max_length == Rumor.REJECT_REASON_MAX_LENGTH


def test_the_service_refuses_a_claim_over_the_limit():
    with pytest.raises(ValidationError) as exc:
        rumor_submit(
            user=UserFactory(),
            url="https://example.org/clip",
            title="Too long",
            claim="x" * (Rumor.CLAIM_MAX_LENGTH + 1),
        )
    assert "claim" in exc.value.message_dict
    assert not Rumor.objects.exists()


@pytest.mark.parametrize("extra, status", [(0, 201), (1, 400)])
def test_the_api_takes_exactly_the_claims_the_site_takes(extra, status, settings):
    settings.API_THROTTLE_USER = "100000/min"
    api = APIClient()
    api.force_authenticate(UserFactory())
    body = {"url": "https://example.org/c", "title": "T", "claim": "x" * (5000 + extra)}
    response = api.post("/api/v1/rumors/", body, format="json")
    assert response.status_code == status, response.content


def test_the_evidence_service_checks_its_note_and_timestamps():
    with pytest.raises(ValidationError) as exc:
        evidence_submit(
            user=ModeratorFactory(),
            rumor=RumorFactory(),
            kind="other",
            stance="context",
            url="https://example.org/a",
            note="n" * (Evidence.NOTE_MAX_LENGTH + 1),
            timestamps="t" * (Evidence.TIMESTAMPS_MAX_LENGTH + 1),
        )
    assert set(exc.value.message_dict) == {"note", "timestamps"}


def test_the_vote_service_checks_the_rationale():
    with pytest.raises(ValidationError) as exc:
        vote_cast(
            moderator=ModeratorFactory(),
            rumor=RumorFactory(),
            verdict="false",
            rationale="r" * (VerdictVote.RATIONALE_MAX_LENGTH + 1),
        )
    assert "rationale" in exc.value.message_dict


def test_a_link_or_an_image_is_the_services_rule_named_on_the_field(client):
    rumor = RumorFactory()
    client.force_login(UserFactory())
    response = client.post(
        f"/en/rumors/{rumor.pk}/evidence/", {"kind": "other", "stance": "context"}
    )
    assert response.status_code == 400
    assert "Give a link, an image, or both." in response.content.decode()
