"""A rumor a moderator holds (a temporary measure after a defamation or privacy report)
leaves every public surface exactly as a rejected one does, its pages answer 451 with a
notice and the date, and once its days have passed it is back everywhere with no job run.
One test per surface that could show it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor
from rumors.services.rumors import rumor_submit
from rumors.services.takedown import rumor_hold
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory, media_link

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

HELD = "Named trainee dating scandal 7731"

LIST_PAGES = [
    "/en/",
    "/en/search/?q=trainee",
    "/en/search/?verdict=false",
    "/en/people/kim-da-mi/",
    "/en/works/itaewon-class/",
    "/feeds/verdicts/",
    "/people/kim-da-mi/feed/",
]
API_LISTS = ["/api/v1/rumors/", "/api/v1/rumors/?q=trainee", "/api/v1/timeline/"]


@pytest.fixture
def held():
    """A rumor that had reached a verdict (so it was in the feeds), then held."""
    person = PersonFactory(name="Kim Da-mi", slug="kim-da-mi")
    work = WorkFactory(title="Itaewon Class", slug="itaewon-class")
    rumor = RumorFactory(title=HELD, claim=f"{HELD} claim", people=[person], works=[work])
    Rumor.objects.filter(pk=rumor.pk).update(
        status=Rumor.Status.RESOLVED, verdict="false", verdict_reached_at=timezone.now()
    )
    rumor_hold(user=ModeratorFactory(), rumor=rumor, reason="Defamation report 12.")
    rumor.refresh_from_db()
    return rumor


def expire(rumor: Rumor) -> None:
    """The hold's days have passed (moved into the past rather than waited for)."""
    Rumor.objects.filter(pk=rumor.pk).update(held_until=timezone.now() - timedelta(seconds=1))


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize("path", LIST_PAGES)
def test_public_pages_and_feeds_do_not_show_it(client, held, path):
    assert HELD not in text(client.get(path))


@pytest.mark.parametrize("path", API_LISTS)
def test_api_lists_do_not_show_it(held, path):
    response = APIClient().get(path)
    assert response.status_code == 200 and HELD not in response.content.decode()


def test_api_counts_leave_it_out(held):
    assert APIClient().get("/api/v1/people/kim-da-mi/").json()["rumor_count"] == 0


@pytest.mark.parametrize("suffix", ["", "timeline/", "sources/"])
def test_its_pages_answer_451_with_the_notice_and_the_date(client, held, suffix):
    response = client.get(f"/en/rumors/{held.pk}/{suffix}")
    page = response.content.decode()
    assert response.status_code == 451
    assert "temporarily unavailable while it is reviewed" in page
    assert held.held_until.strftime("%Y") in page and HELD not in page


def test_its_slugged_address_answers_451_too(client, held):
    assert client.get(held.get_absolute_url()).status_code == 451


def test_other_members_and_its_submitter_get_the_notice_not_the_text(client, held):
    for member in (UserFactory(), held.submitted_by):
        client.force_login(member)
        response = client.get(held.get_absolute_url())
        assert response.status_code == 451 and HELD not in response.content.decode()


def test_the_api_detail_and_its_timeline_answer_451_json(held):
    for path in ("", "timeline/"):
        response = APIClient().get(f"/api/v1/rumors/{held.pk}/{path}")
        assert response.status_code == 451
        body = response.json()
        assert body["code"] == "held" and body["held_until"].startswith(f"{held.held_until:%Y}")
        assert HELD not in response.content.decode()


def test_moderators_still_see_it_with_the_hold_and_its_reason(client, held):
    client.force_login(ModeratorFactory())
    page = text(client.get(held.get_absolute_url()))
    assert HELD in page and "Defamation report 12." in page and "Lift the hold" in page
    api = APIClient()
    api.force_authenticate(ModeratorFactory())
    assert api.get(f"/api/v1/rumors/{held.pk}/").status_code == 200


def test_after_its_days_it_is_back_on_every_page_with_no_job(client, held):
    expire(held)
    assert HELD in text(client.get(held.get_absolute_url()))
    for path in LIST_PAGES:
        assert HELD in text(client.get(path)), path


def test_after_its_days_it_is_back_in_the_api(held):
    expire(held)
    api = APIClient()
    assert api.get(f"/api/v1/rumors/{held.pk}/").status_code == 200
    for path in API_LISTS[:2]:
        assert HELD in api.get(path).content.decode(), path
    assert api.get("/api/v1/people/kim-da-mi/").json()["rumor_count"] == 1


def test_its_claimreview_answers_451_and_its_link_404(held):
    api = APIClient()
    assert api.get(f"/api/v1/rumors/{held.pk}/claimreview/").status_code == 451
    assert api.get(f"/api/v1/sources/{held.sources.get().pk}/").status_code == 404


def test_checking_its_link_on_the_submit_form_reveals_nothing(client, held):
    client.force_login(UserFactory())
    response = client.get("/en/submit/check/", {"url": held.sources.get().url})
    assert response.json() == {"duplicate": False}


def test_the_similar_media_panel_of_another_rumor_does_not_name_it(client, held):
    neighbour = RumorFactory(title="The real clip")
    media_link(neighbour.sources.get(), held.sources.get())
    page = text(client.get(neighbour.get_absolute_url()))
    assert HELD not in page


def test_a_held_rumors_link_cannot_be_submitted_again_by_others(client):
    rumor = RumorFactory(title="Held claim")
    url = rumor.sources.get().url
    rumor_hold(user=ModeratorFactory(), rumor=rumor, reason="A privacy report.")
    with pytest.raises(ValidationError) as refused:
        rumor_submit(user=UserFactory(), url=url, title="Same clip again", claim="Again.")
    assert "temporarily unavailable" in refused.value.message_dict["url"][0]
    client.force_login(UserFactory())
    response = client.post("/en/submit/", {"url": url, "title": "Same clip", "claim": "Again."})
    assert response.status_code == 200
    assert "temporarily unavailable while it is reviewed" in response.content.decode()
    assert Rumor.objects.count() == 1
