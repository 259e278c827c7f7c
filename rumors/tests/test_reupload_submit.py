"""Members add a re-upload (another link to the same clip) to an existing rumor, on its page
and through POST /api/v1/rumors/{id}/sources/: the same link keys and the same moderation as
evidence; once accepted it is one of the rumor's links."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence
from rumors.services.evidence import evidence_accept, evidence_submit, reupload_submit
from rumors.services.rumors import DuplicateSubmission
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

REUPLOAD = "https://www.tiktok.com/@mirror/video/7481234567890123999"


def test_a_members_reupload_waits_and_joins_the_links_once_accepted():
    rumor = RumorFactory()
    evidence = reupload_submit(user=UserFactory(), rumor=rumor, url=REUPLOAD)
    assert evidence.kind == Evidence.Kind.REUPLOAD and evidence.status == Evidence.Status.PROPOSED
    assert rumor.sources.count() == 1
    evidence_accept(moderator=ModeratorFactory(), evidence=evidence)
    assert rumor.sources.filter(pk=evidence.source_id).exists()


def test_a_moderators_reupload_joins_at_once():
    rumor = RumorFactory()
    evidence = reupload_submit(user=ModeratorFactory(), rumor=rumor, url=REUPLOAD)
    assert evidence.status == Evidence.Status.ACCEPTED
    assert rumor.sources.count() == 2


def test_a_variant_of_the_rumors_own_link_is_refused_and_another_rumors_is_a_duplicate():
    rumor = RumorFactory(
        with_source=SourceFactory(url="https://www.youtube.com/watch?v=Own00000001")
    )
    with pytest.raises(ValidationError) as known:
        reupload_submit(user=UserFactory(), rumor=rumor, url="https://youtu.be/Own00000001")
    assert "already on this rumor" in str(known.value)
    other = RumorFactory(
        with_source=SourceFactory(url="https://x.com/a/status/1899999999999999999")
    )
    with pytest.raises(DuplicateSubmission) as duplicate:
        reupload_submit(
            user=UserFactory(),
            rumor=rumor,
            url="https://fxtwitter.com/a/status/1899999999999999999",
        )
    assert duplicate.value.rumor == other


def test_the_evidence_form_does_not_offer_the_reupload_kind():
    with pytest.raises(ValidationError) as refused:
        evidence_submit(
            user=UserFactory(),
            rumor=RumorFactory(),
            kind="reupload",
            stance="context",
            url=REUPLOAD,
        )
    assert "kind" in str(refused.value)


def test_the_api_takes_a_reupload_and_answers_409_for_another_rumors_link():
    rumor = RumorFactory()
    other = RumorFactory(
        with_source=SourceFactory(url="https://x.com/a/status/1899999999999999999")
    )
    api = APIClient()
    url = f"/api/v1/rumors/{rumor.pk}/sources/"
    assert api.post(url, {"url": REUPLOAD}, format="json").status_code == 401
    api.force_authenticate(UserFactory())
    created = api.post(url, {"url": REUPLOAD}, format="json")
    assert created.status_code == 201 and created.json()["status"] == "proposed"
    clash = api.post(url, {"url": "https://x.com/i/status/1899999999999999999"}, format="json")
    assert clash.status_code == 409 and clash.json()["rumor"]["id"] == other.pk
    assert api.post(url, {"url": "not a link"}, format="json").status_code == 400


def test_a_member_adds_a_reupload_from_the_rumor_page(client):
    rumor = RumorFactory()
    client.force_login(UserFactory())
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert f'action="/en/rumors/{rumor.pk}/reuploads/"' in page
    response = client.post(f"/en/rumors/{rumor.pk}/reuploads/", {"url": REUPLOAD}, follow=True)
    assert response.status_code == 200
    assert "Thank you: a moderator will check the link." in response.content.decode()
    assert Evidence.objects.get().kind == Evidence.Kind.REUPLOAD
