"""GET /api/v1/lookup/?url= and POST /api/v1/lookup/: has this link been checked, and what was
the verdict? Any variant of a known link finds its rumor; an unknown or invisible one is a 404
pointing to the submit form; batches answer one entry per link, in order."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from rumors.models import Rumor, TimelineEvent
from rumors.services.rumors import rumor_submit
from rumors.services.timeline import timeline_append

pytestmark = pytest.mark.django_db

URL = "/api/v1/lookup/"
CLIP = "https://www.youtube.com/watch?v=Xk3p9ParkSJ"
VARIANTS = [
    "https://youtu.be/Xk3p9ParkSJ",
    "https://www.youtube.com/embed/Xk3p9ParkSJ",
    "http://m.youtube.com/watch?v=Xk3p9ParkSJ&t=42&feature=share",
    "https://www.youtube.com/shorts/Xk3p9ParkSJ",
]


def submit(url=CLIP, **fields) -> Rumor:
    rumor = rumor_submit(
        user=UserFactory(), url=url, title="Off-screen kiss clip", claim="They kissed."
    )
    if fields:
        Rumor.objects.filter(pk=rumor.pk).update(**fields)
        rumor.refresh_from_db()
    return rumor


@pytest.mark.parametrize("variant", VARIANTS)
def test_any_variant_of_a_known_link_finds_its_rumor_and_verdict(api, variant):
    rumor = submit(verdict="ai_generated", status=Rumor.Status.RESOLVED)
    response = api.get(URL, {"url": variant})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["url"] == variant and body["key"] == "youtube:Xk3p9ParkSJ"
    found = body["rumor"]
    assert (found["id"], found["title"], found["status"]) == (rumor.pk, rumor.title, "resolved")
    assert found["verdict"]["code"] == "ai_generated" and found["verdict"]["label"]
    assert found["page"] == "http://testserver" + rumor.get_absolute_url()
    assert found["card"].startswith(f"http://127.0.0.1:8000/rumors/{rumor.pk}/card/")
    assert found["card"].endswith(".en.png")


def test_a_rumor_under_review_has_a_null_verdict(api):
    submit()
    assert api.get(URL, {"url": CLIP}).json()["rumor"]["verdict"] is None


def test_an_unknown_link_is_a_404_pointing_to_the_filled_in_submit_form(api, client):
    link = "https://x.com/someone/status/1899999999999999999"
    response = api.get(URL, {"url": link})
    assert response.status_code == 404
    body = response.json()
    assert body["detail"]
    submit_url = urlsplit(body["submit"])
    assert submit_url.path == "/en/submit/" and parse_qs(submit_url.query) == {"url": [link]}
    client.force_login(UserFactory())
    form = client.get(body["submit"]).content.decode()
    assert 'value="https://x.com/someone/status/1899999999999999999"' in form


def test_rejected_and_held_rumors_are_not_found_by_others(api):
    submit(status=Rumor.Status.REJECTED)
    assert api.get(URL, {"url": VARIANTS[0]}).status_code == 404
    submit(
        url="https://www.tiktok.com/@fan/video/7412345678901234567",
        held_until=timezone.now() + timedelta(days=3),
    )
    assert (
        api.get(URL, {"url": "https://m.tiktok.com/v/7412345678901234567.html"}).status_code == 404
    )


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "url"), ({"url": ""}, "url"), ({"url": "not a link"}, "url"), ({"link": CLIP}, "link")],
)
def test_bad_questions_are_400s_naming_the_parameter(api, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400 and field in response.json()


def test_a_batch_answers_one_entry_per_link_in_order(api):
    rumor = submit(verdict="false")
    urls = [VARIANTS[1], "https://example.com/never-seen", "not a link", VARIANTS[0]]
    response = api.post(URL, {"urls": urls}, format="json")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["url"] for r in results] == urls
    assert [r["rumor"] and r["rumor"]["id"] for r in results] == [rumor.pk, None, None, rumor.pk]


@pytest.mark.parametrize(
    "body", [{"urls": ["https://youtu.be/a"] * 101}, {"urls": []}, {"urls": "x"}, {}]
)
def test_a_batch_of_more_than_100_or_of_nothing_is_a_400(api, body):
    response = api.post(URL, body, format="json")
    assert response.status_code == 400 and "urls" in response.json()


def test_a_batch_takes_the_same_queries_for_one_link_or_a_hundred(
    api, django_assert_max_num_queries
):
    submit()
    links = [f"https://www.youtube.com/watch?v=Clip{n:07d}" for n in range(100)]
    with django_assert_max_num_queries(6):
        assert api.post(URL, {"urls": [CLIP, *links[:99]]}, format="json").status_code == 200


def test_any_site_may_ask_cross_origin_with_get_and_post(api):
    submit()
    origin = {"HTTP_ORIGIN": "https://extension.example"}
    assert api.get(URL, {"url": CLIP}, **origin)["Access-Control-Allow-Origin"] == "*"
    preflight = api.options(URL, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST", **origin)
    assert preflight.status_code == 204
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert preflight["Access-Control-Allow-Origin"] == "*"


def test_anonymous_lookups_come_from_the_cache_until_a_rumor_changes(
    api, page_cache, django_capture_on_commit_callbacks
):
    rumor = submit()
    assert api.get(URL, {"url": CLIP}).headers["X-Page-Cache"] == "miss"
    assert api.get(URL, {"url": CLIP}).headers["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        rumor.verdict = "edited"
        rumor.save(update_fields=["verdict"])
        timeline_append(rumor=rumor, kind=TimelineEvent.Kind.EDITED, data={"field": "verdict"})
    again = api.get(URL, {"url": CLIP})
    assert again.headers["X-Page-Cache"] == "miss"
    assert again.json()["rumor"]["verdict"]["code"] == "edited"
