"""A clip re-posted, mirrored or shared with tracking parameters is the same link: each of the
variants that used to open new rumors meets its first copy, in the service, the API's 409 and
the submit form's check alike, as far as the member may see that copy."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from rumors.models import Rumor, Source
from rumors.services.rumors import DuplicateSubmission, rumor_submit
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db

CHECK = reverse("rumors:submit_check")
API = "/api/v1/rumors/"
YT = "dQw4w9WgXcQ"
STATUS = "1790000000000000001"
TIKTOK = "7301234567890123456"

VARIANTS = [
    (f"https://www.youtube.com/watch?v={YT}", f"https://youtube.com/embed/{YT}"),
    (f"https://www.youtube.com/watch?v={YT}", f"https://www.youtube.com/live/{YT}?si=abc"),
    (f"https://youtu.be/{YT}", f"https://m.youtube.com/shorts/{YT}"),
    (f"https://twitter.com/fan/status/{STATUS}", f"https://x.com/i/status/{STATUS}"),
    (f"https://twitter.com/fan/status/{STATUS}", f"https://x.com/fan/status/{STATUS}/photo/1"),
    (f"https://x.com/fan/status/{STATUS}", f"https://fxtwitter.com/fan/status/{STATUS}"),
    (f"https://x.com/fan/status/{STATUS}", f"https://vxtwitter.com/fan/status/{STATUS}"),
    (
        f"https://www.tiktok.com/@fan/video/{TIKTOK}",
        f"https://www.tiktok.com/@fan/video/{TIKTOK}?is_from_webapp=1&sender_device=pc",
    ),
    ("https://www.instagram.com/p/C1a2B3c4D5e/", "https://www.instagram.com/reel/C1a2B3c4D5e/"),
    ("https://www.instagram.com/reel/C1a2B3c4D5e/", "https://instagram.com/reels/C1a2B3c4D5e"),
    ("https://www.dispatch.co.kr/2291234", "http://www.dispatch.co.kr/2291234"),
    ("https://vm.tiktok.com/ZMabc123/", "http://vm.tiktok.com/ZMabc123"),
]


def submit(user, url, title="Backstage kiss clip"):
    return rumor_submit(user=user, url=url, title=title, claim="The two leads kissed backstage.")


@pytest.fixture
def api(settings):
    settings.API_THROTTLE_USER = "100000/min"
    client = APIClient()
    client.force_authenticate(UserFactory())
    return client


@pytest.mark.parametrize(("first", "variant"), VARIANTS)
def test_variant_submitted_to_the_service_meets_its_first_copy(first, variant):
    rumor = submit(UserFactory(), first)
    with pytest.raises(DuplicateSubmission) as exc:
        submit(UserFactory(), variant, title="The same clip again")
    assert exc.value.rumor == rumor
    assert Rumor.objects.count() == 1 and Source.objects.count() == 1


@pytest.mark.parametrize(("first", "variant"), VARIANTS)
def test_variant_posted_to_the_api_answers_409_with_the_first_copy(api, first, variant):
    created = api.post(API, {"url": first, "title": "Clip", "claim": "A claim."}, format="json")
    assert created.status_code == 201, created.content
    response = api.post(API, {"url": variant, "title": "Again", "claim": "A claim."}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "duplicate"
    assert body["rumor"]["id"] == created.json()["id"]
    assert body["rumor"]["title"] == "Clip" and body["rumor"]["verdict"] is None


@pytest.mark.parametrize(("first", "variant"), VARIANTS)
def test_variant_typed_in_the_submit_form_is_announced(client, first, variant):
    rumor = submit(UserFactory(), first)
    data = client.get(CHECK, {"url": variant}).json()
    assert data["duplicate"] is True and data["url"] == rumor.get_absolute_url()


def test_api_409_tells_the_first_copys_verdict(api):
    rumor = submit(UserFactory(), f"https://www.youtube.com/watch?v={YT}")
    Rumor.objects.filter(pk=rumor.pk).update(
        verdict=Verdict.AI_GENERATED, status=Rumor.Status.RESOLVED
    )
    again = {"url": f"https://youtu.be/{YT}", "title": "Again", "claim": "A claim."}
    body = api.post(API, again, format="json").json()
    assert body["rumor"]["verdict"]["code"] == "ai_generated"
    assert body["rumor"]["verdict"]["label"] == "AI-generated"


def test_other_content_on_the_same_platform_is_a_new_link():
    submit(UserFactory(), f"https://x.com/fan/status/{STATUS}")
    submit(UserFactory(), "https://x.com/fan/status/1790000000000000002")
    submit(UserFactory(), "https://www.instagram.com/p/C1a2B3c4D5f/")
    assert Source.objects.count() == 3


def test_opaque_short_link_is_its_own_link_until_it_is_fetched():
    submit(UserFactory(), f"https://www.tiktok.com/@fan/video/{TIKTOK}")
    submit(UserFactory(), "https://vm.tiktok.com/ZMabc123/")
    assert Rumor.objects.count() == 2


def test_variant_of_a_rejected_rumor_looks_unknown_to_others(client):
    spam = submit(UserFactory(), f"https://www.youtube.com/watch?v={YT}")
    Rumor.objects.filter(pk=spam.pk).update(status=Rumor.Status.REJECTED)
    member = UserFactory()
    client.force_login(member)
    assert client.get(CHECK, {"url": f"https://youtu.be/{YT}"}).json() == {"duplicate": False}
    report = submit(member, f"https://www.youtube.com/embed/{YT}", title="A real report")
    assert report.sources.get() == spam.sources.get()


def test_variant_of_their_own_rejected_rumor_is_announced_to_its_submitter(client):
    submitter = UserFactory()
    spam = submit(submitter, f"https://www.youtube.com/watch?v={YT}")
    Rumor.objects.filter(pk=spam.pk).update(status=Rumor.Status.REJECTED)
    client.force_login(submitter)
    data = client.get(CHECK, {"url": f"https://youtu.be/{YT}"}).json()
    assert data["duplicate"] is True and data["url"] == spam.get_absolute_url()
