"""Moderators redact a rumor's title or claim (rumor_redact, from the rumor page): the public
sees the new text everywhere, the text as submitted is kept once for moderators only, and a
`redacted` event says that it was edited without repeating either text."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor, TimelineEvent
from rumors.services.takedown import rumor_redact
from rumors.tests.factories import RumorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

OLD_TITLE = "Private person Lee Soo-jin at 12 Hannam-daero"
OLD_CLAIM = "Her phone number is 010-1234-5678."


@pytest.fixture
def rumor():
    return RumorFactory(title=OLD_TITLE, claim=OLD_CLAIM)


def test_the_public_sees_the_new_text_and_moderators_keep_the_old(rumor):
    moderator = ModeratorFactory()
    rumor_redact(moderator=moderator, rumor=rumor, title="A private person", claim=OLD_CLAIM)
    rumor.refresh_from_db()
    assert rumor.title == "A private person" and rumor.original_title == OLD_TITLE
    assert rumor.original_claim == OLD_CLAIM and rumor.slug == "a-private-person"
    event = rumor.events.get(kind=TimelineEvent.Kind.REDACTED)
    assert event.actor == moderator and event.data == {"fields": ["title"]}
    assert rumor.events.get(kind=TimelineEvent.Kind.WITHDRAWN).data == {"what": "text"}


def test_a_second_redaction_keeps_the_text_as_first_submitted(rumor):
    moderator = ModeratorFactory()
    rumor_redact(moderator=moderator, rumor=rumor, title="Step one", claim=OLD_CLAIM)
    rumor_redact(moderator=moderator, rumor=rumor, title="Step two", claim="Redacted claim.")
    rumor.refresh_from_db()
    assert rumor.original_title == OLD_TITLE and rumor.original_claim == OLD_CLAIM
    assert rumor.events.filter(kind=TimelineEvent.Kind.REDACTED).count() == 2


def test_the_old_text_is_on_no_public_page_or_api_answer(client, rumor):
    rumor_redact(moderator=ModeratorFactory(), rumor=rumor, title="A person", claim="Redacted.")
    old_address = f"/en/rumors/{rumor.pk}/{Rumor.make_slug(OLD_TITLE)}/"
    moved = client.get(old_address)
    assert moved.status_code == 301
    for response in (
        client.get(moved["Location"]),
        client.get("/en/"),
        client.get(f"/en/rumors/{rumor.pk}/timeline/"),
        APIClient().get(f"/api/v1/rumors/{rumor.pk}/"),
        APIClient().get(f"/api/v1/rumors/{rumor.pk}/timeline/"),
        APIClient().get("/api/v1/rumors/"),
    ):
        body = response.content.decode()
        assert response.status_code == 200 and "Hannam" not in body and "010-1234" not in body


def test_the_timeline_says_it_was_edited_by_a_moderator(client, rumor):
    rumor = rumor_redact(moderator=ModeratorFactory(), rumor=rumor, title="A", claim="Redacted.")
    assert "Edited by a moderator" in client.get(rumor.get_absolute_url()).content.decode()
    kinds = [e["kind"] for e in APIClient().get("/api/v1/timeline/").json()["results"]]
    assert "redacted" in kinds


def test_moderators_see_the_text_as_submitted_on_the_page(client, rumor):
    rumor = rumor_redact(moderator=ModeratorFactory(), rumor=rumor, title="A", claim="Redacted.")
    client.force_login(ModeratorFactory())
    assert OLD_TITLE in client.get(rumor.get_absolute_url()).content.decode()
    client.force_login(rumor.submitted_by)
    assert OLD_TITLE not in client.get(rumor.get_absolute_url()).content.decode()


def test_members_cannot_redact(rumor):
    with pytest.raises(PermissionDenied):
        rumor_redact(moderator=UserFactory(), rumor=rumor, title="Mine", claim="Mine.")


def test_an_unchanged_or_empty_text_is_refused(rumor):
    moderator = ModeratorFactory()
    with pytest.raises(ValidationError):
        rumor_redact(moderator=moderator, rumor=rumor, title=OLD_TITLE, claim=OLD_CLAIM)
    with pytest.raises(ValidationError) as empty:
        rumor_redact(moderator=moderator, rumor=rumor, title=" ", claim=OLD_CLAIM)
    assert "title" in empty.value.message_dict
    assert not Rumor.objects.get(pk=rumor.pk).is_redacted


def test_a_moderator_redacts_from_the_rumor_page(client, rumor):
    client.force_login(ModeratorFactory())
    body = {"title": "A private person", "claim": "Redacted claim."}
    response = client.post(f"/en/rumors/{rumor.pk}/redact/", body)
    assert response.status_code == 302 and response["Location"].endswith("/a-private-person/")
    assert Rumor.objects.get(pk=rumor.pk).claim == "Redacted claim."


def test_the_redact_form_needs_login_and_refuses_members(client, rumor):
    body = {"title": "Mine", "claim": "Mine."}
    response = client.post(f"/en/rumors/{rumor.pk}/redact/", body)
    assert response.status_code == 302 and "/en/accounts/login/" in response["Location"]
    client.force_login(rumor.submitted_by)
    assert client.post(f"/en/rumors/{rumor.pk}/redact/", body).status_code == 403
    assert Rumor.objects.get(pk=rumor.pk).title == OLD_TITLE


def test_the_redact_form_with_an_empty_claim_says_so(client, rumor):
    client.force_login(ModeratorFactory())
    response = client.post(f"/en/rumors/{rumor.pk}/redact/", {"title": "A person", "claim": ""})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
