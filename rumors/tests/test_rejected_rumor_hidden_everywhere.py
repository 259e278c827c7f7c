"""A rumor rejected as spam disappears from every public surface at once, and its link looks
to everyone else like a link never submitted. One test per surface that could show it."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor
from rumors.services.rumors import rumor_reject, rumor_submit
from rumors.tests.factories import (
    PersonFactory,
    RumorFactory,
    SourceFactory,
    WorkFactory,
    media_link,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

SPAM = "Betting site spam 8841"


@pytest.fixture
def person():
    return PersonFactory(name="Kim Da-mi", slug="kim-da-mi")


@pytest.fixture
def work():
    return WorkFactory(title="Itaewon Class", slug="itaewon-class")


@pytest.fixture
def spam(person, work):
    """A rumor that had even reached a verdict (so it was in the feeds), then rejected."""
    rumor = RumorFactory(title=SPAM, claim=f"{SPAM} claim", people=[person], works=[work])
    Rumor.objects.filter(pk=rumor.pk).update(
        status=Rumor.Status.RESOLVED, verdict="false", verdict_reached_at=timezone.now()
    )
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason="Spam.")
    rumor.refresh_from_db()
    return rumor


@pytest.fixture
def neighbour(spam, person):
    """A public rumor whose link is a near-duplicate of the spam's link."""
    rumor = RumorFactory(title="The real clip", people=[person])
    media_link(rumor.sources.get(), spam.sources.get())
    return rumor


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/search/?q=Betting",
        "/en/search/?verdict=false",
        "/en/people/kim-da-mi/",
        "/en/works/itaewon-class/",
        "/feeds/verdicts/",
        "/people/kim-da-mi/feed/",
    ],
)
def test_public_pages_and_feeds_do_not_show_it(client, spam, path):
    assert SPAM not in text(client.get(path))


def test_similar_media_on_another_rumor_does_not_name_it(client, neighbour):
    page = text(client.get(neighbour.get_absolute_url()))
    assert SPAM not in page and "Similar media" not in page


def test_the_submitters_profile_does_not_list_it(client, spam):
    assert SPAM not in text(client.get(spam.submitted_by.get_absolute_url()))


def test_verdict_counts_on_actor_pages_leave_it_out(client, spam, person):
    RumorFactory(people=[person])
    page = text(client.get("/en/people/kim-da-mi/"))
    assert "False" not in page  # the only rumor with that verdict is the rejected one


def test_its_page_is_404_to_visitors_and_other_members(client, spam):
    assert client.get(spam.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(spam.get_absolute_url()).status_code == 404
    assert client.get(f"/en/rumors/{spam.pk}/timeline/").status_code == 404
    assert client.get(f"/en/rumors/{spam.pk}/sources/").status_code == 404


def test_its_submitter_and_moderators_still_see_it_with_the_reason(client, spam):
    client.force_login(spam.submitted_by)
    page = text(client.get(spam.get_absolute_url()))
    assert "Rejected as spam" in page and "Spam." in page
    client.force_login(ModeratorFactory())
    assert SPAM in text(client.get(spam.get_absolute_url()))


@pytest.mark.parametrize(
    "path", ["/api/v1/rumors/", "/api/v1/rumors/?q=Betting", "/api/v1/timeline/"]
)
def test_api_lists_do_not_show_it(spam, path):
    response = APIClient().get(path)
    assert response.status_code == 200 and SPAM not in response.content.decode()


def test_api_counts_leave_it_out(spam):
    people = APIClient().get("/api/v1/people/kim-da-mi/").json()
    works = APIClient().get("/api/v1/works/itaewon-class/").json()
    assert people["rumor_count"] == works["rumor_count"] == 0


def test_api_detail_timeline_claimreview_and_source_are_404(spam):
    api = APIClient()
    source = spam.sources.get()
    for path in ("", "timeline/", "claimreview/"):
        assert api.get(f"/api/v1/rumors/{spam.pk}/{path}").status_code == 404
    assert api.get(f"/api/v1/sources/{source.pk}/").status_code == 404


def test_checking_its_link_on_the_submit_form_reveals_nothing(client, spam):
    url = spam.sources.get().url
    client.force_login(UserFactory())
    assert client.get("/en/submit/check/", {"url": url}).json() == {"duplicate": False}


def test_its_link_can_be_submitted_again_as_a_new_rumor_by_someone_else(spam):
    member = UserFactory()
    url = spam.sources.get().url
    rumor = rumor_submit(user=member, url=url, title="Is this clip real?", claim="A real report.")
    assert rumor.pk != spam.pk and rumor.is_public
    assert rumor.sources.get() == spam.sources.get()


def test_the_api_takes_its_link_as_a_new_rumor_without_naming_the_old_one(spam):
    api = APIClient()
    api.force_authenticate(UserFactory())
    body = {"url": spam.sources.get().url, "title": "Is this real?", "claim": "Asking."}
    response = api.post("/api/v1/rumors/", body, format="json")
    assert response.status_code == 201, response.content
    assert SPAM not in response.content.decode() and response.json()["id"] != spam.pk


def test_its_own_submitter_is_pointed_back_to_it(client, spam):
    client.force_login(spam.submitted_by)
    body = {"url": spam.sources.get().url, "title": "Again", "claim": "Again."}
    response = client.post("/en/submit/", body)
    assert response.status_code == 302 and response["Location"] == spam.get_absolute_url()


def test_a_link_with_a_public_rumor_is_still_a_duplicate(spam):
    source = SourceFactory()
    public = RumorFactory(with_source=source)
    check = APIClient()
    check.force_authenticate(UserFactory())
    body = {"url": source.url, "title": "Again", "claim": "Again."}
    response = check.post("/api/v1/rumors/", body, format="json")
    assert response.status_code == 409 and response.json()["rumor"]["id"] == public.pk
