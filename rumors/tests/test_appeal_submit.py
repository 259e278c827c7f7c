"""A submitter whose rumor was rejected, held or had media withheld may appeal once, with a
reason (appeal_submit, from the rumor page or the 451 notice); moderators read appeals on
/moderation/reports/, and a moderators-only `appealed` event records it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Appeal, TimelineEvent
from rumors.services.appeals import AlreadyAppealed, appeal_submit
from rumors.services.reports import report_submit
from rumors.services.rumors import rumor_reject
from rumors.services.takedown import rumor_hold
from rumors.tests.factories import RumorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

REASON = "The clip is from the official channel; nothing private in it."


def held_rumor():
    rumor = RumorFactory()
    return rumor_hold(user=ModeratorFactory(), rumor=rumor, reason="Report 3.")


def rejected_rumor():
    rumor = RumorFactory()
    return rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason="Spam.")


def hidden_media_rumor():
    rumor = RumorFactory()
    report_submit(category="privacy", url=rumor.sources.get().url, address="192.0.2.9")
    rumor.refresh_from_db()
    return rumor


@pytest.mark.parametrize(
    ("make", "grounds"),
    [(held_rumor, "held"), (rejected_rumor, "rejected"), (hidden_media_rumor, "media_hidden")],
)
def test_the_submitter_appeals_a_hidden_held_or_rejected_rumor(make, grounds):
    rumor = make()
    appeal = appeal_submit(user=rumor.submitted_by, rumor=rumor, reason=f" {REASON} ")
    assert appeal.grounds == grounds and appeal.reason == REASON
    event = rumor.events.get(kind=TimelineEvent.Kind.APPEALED)
    assert event.actor == rumor.submitted_by and event.data["appeal"] == appeal.pk


def test_only_once():
    rumor = held_rumor()
    appeal_submit(user=rumor.submitted_by, rumor=rumor, reason=REASON)
    with pytest.raises(AlreadyAppealed):
        appeal_submit(user=rumor.submitted_by, rumor=rumor, reason="Again.")
    assert Appeal.objects.count() == 1


def test_only_its_submitter_and_only_when_there_is_something_to_appeal():
    with pytest.raises(PermissionDenied):
        appeal_submit(user=UserFactory(), rumor=held_rumor(), reason=REASON)
    public = RumorFactory()
    with pytest.raises(PermissionDenied):
        appeal_submit(user=public.submitted_by, rumor=public, reason=REASON)


def test_a_reason_is_required():
    rumor = held_rumor()
    with pytest.raises(ValidationError) as blank:
        appeal_submit(user=rumor.submitted_by, rumor=rumor, reason=" ")
    assert "reason" in blank.value.message_dict


def test_the_appealed_event_is_for_moderators_only():
    rumor = rejected_rumor()
    appeal_submit(user=rumor.submitted_by, rumor=rumor, reason=REASON)
    api = APIClient()
    api.force_authenticate(rumor.submitted_by)
    kinds = [e["kind"] for e in api.get(f"/api/v1/rumors/{rumor.pk}/timeline/").json()["results"]]
    assert "appealed" not in kinds


def test_the_451_notice_offers_its_submitter_the_appeal_form(client):
    rumor = held_rumor()
    client.force_login(rumor.submitted_by)
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "Send the appeal" in page
    client.force_login(UserFactory())
    assert "Send the appeal" not in client.get(rumor.get_absolute_url()).content.decode()


def test_the_submitter_appeals_from_the_notice_and_sees_it_was_sent(client):
    rumor = held_rumor()
    client.force_login(rumor.submitted_by)
    response = client.post(f"/en/rumors/{rumor.pk}/appeal/", {"reason": REASON}, follow=True)
    assert response.status_code == 451
    page = response.content.decode()
    assert "Your appeal is sent" in page and "Send the appeal" not in page
    assert Appeal.objects.get().rumor == rumor


def test_a_rejected_rumors_submitter_appeals_from_its_page(client):
    rumor = rejected_rumor()
    client.force_login(rumor.submitted_by)
    assert "Send the appeal" in client.get(rumor.get_absolute_url()).content.decode()
    client.post(f"/en/rumors/{rumor.pk}/appeal/", {"reason": REASON})
    assert Appeal.objects.filter(rumor=rumor).exists()


def test_the_appeal_form_needs_login_and_refuses_others(client):
    rumor = held_rumor()
    response = client.post(f"/en/rumors/{rumor.pk}/appeal/", {"reason": REASON})
    assert response.status_code == 302 and "/en/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    assert client.post(f"/en/rumors/{rumor.pk}/appeal/", {"reason": REASON}).status_code == 404
    assert not Appeal.objects.exists()


def test_an_empty_reason_comes_back_as_a_message(client):
    rumor = rejected_rumor()
    client.force_login(rumor.submitted_by)
    response = client.post(f"/en/rumors/{rumor.pk}/appeal/", {"reason": ""}, follow=True)
    assert "Say why." in response.content.decode() and not Appeal.objects.exists()


def test_moderators_read_appeals_on_the_reports_page(client):
    rumor = held_rumor()
    appeal_submit(user=rumor.submitted_by, rumor=rumor, reason=REASON)
    client.force_login(ModeratorFactory())
    page = client.get("/en/moderation/reports/").content.decode()
    assert REASON in page and rumor.title in page
