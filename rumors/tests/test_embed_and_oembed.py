"""A verdict embeds elsewhere: /rumors/<id>/embed/ is a small widget that other sites may frame
(the only page that allows it), and /oembed/ answers oEmbed 1.0 for rumor pages."""

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from rumors.models import Rumor
from rumors.tests.factories import PersonFactory, RumorFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db

SITE = "https://jinjja.example"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def rumor():
    people = [PersonFactory(name="Kim Go-eun", name_hangul="김고은")]
    return RumorFactory(title="Kiss clip", verdict=Verdict.AI_GENERATED, people=people)


def oembed(client, url, **params):
    return client.get("/oembed/?" + urlencode({"url": url, **params}))


def frame_ancestors(response) -> str:
    policy = response["Content-Security-Policy"]
    return re.search(r"frame-ancestors ([^;]+)", policy).group(1)


def test_oembed_answer_is_a_valid_rich_embed_of_the_verdict_widget(client, rumor):
    response = oembed(client, f"{SITE}{rumor.get_absolute_url()}", format="json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    answer = response.json()
    # oEmbed 1.0, section 2.3.4: the required fields, and those of the rich type.
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert isinstance(answer["width"], int) and isinstance(answer["height"], int)
    assert answer["title"] == "AI-generated: Kiss clip"
    assert (answer["provider_name"], answer["provider_url"]) == ("Jinjja", f"{SITE}/")
    iframe = re.fullmatch(
        r'<iframe src="([^"]+)" width="(\d+)" height="(\d+)" [^>]*></iframe>', answer["html"]
    )
    assert iframe.group(1) == f"{SITE}/en/rumors/{rumor.pk}/embed/"
    assert (int(iframe.group(2)), int(iframe.group(3))) == (answer["width"], answer["height"])
    assert re.fullmatch(
        rf"{SITE}/rumors/{rumor.pk}/card/[0-9a-f]{{12}}\.en\.png", answer["thumbnail_url"]
    )
    assert (answer["thumbnail_width"], answer["thumbnail_height"]) == (1200, 630)


def test_oembed_keeps_within_maxwidth_and_maxheight(client, rumor):
    answer = oembed(client, f"{SITE}{rumor.get_absolute_url()}", maxwidth=300, maxheight=200).json()
    assert (answer["width"], answer["height"]) == (300, 200)
    assert 'width="300" height="200"' in answer["html"]


def test_oembed_answers_for_the_unslugged_rumor_url_too(client, rumor):
    assert oembed(client, f"{SITE}/rumors/{rumor.pk}/").status_code == 200


@pytest.mark.parametrize(
    "params, status, message",
    [
        ({}, 400, "Give the rumor page's address as url."),
        ({"format": "xml"}, 501, "Only the json format is offered."),
        ({"maxwidth": "wide"}, 400, "maxwidth must be a positive whole number."),
        ({"maxheight": "0"}, 400, "maxheight must be a positive whole number."),
    ],
)
def test_oembed_refuses_bad_input_with_a_clear_message(client, rumor, params, status, message):
    url = {"url": f"{SITE}{rumor.get_absolute_url()}"} if params else {}
    response = client.get("/oembed/?" + urlencode({**url, **params}))
    assert response.status_code == status and response.json() == {"error": message}


@pytest.mark.parametrize(
    "url",
    ["https://elsewhere.example/rumors/{pk}/", f"{SITE}/about/", f"{SITE}/rumors/999999/", "junk"],
)
def test_oembed_knows_only_this_sites_rumor_pages(client, rumor, url):
    assert oembed(client, url.format(pk=rumor.pk)).status_code == 404


def test_oembed_and_embed_of_a_held_or_rejected_rumor_leak_nothing(client, rumor):
    url = f"{SITE}{rumor.get_absolute_url()}"
    Rumor.objects.filter(pk=rumor.pk).update(held_until=timezone.now() + timedelta(days=1))
    assert oembed(client, url).status_code == 451
    assert client.get(f"/en/rumors/{rumor.pk}/embed/").status_code == 451
    Rumor.objects.filter(pk=rumor.pk).update(held_until=None, status=Rumor.Status.REJECTED)
    assert oembed(client, url).status_code == 404
    assert client.get(f"/en/rumors/{rumor.pk}/embed/").status_code == 404


def test_embed_page_shows_the_verdict_and_may_be_framed_by_any_site(client, rumor):
    response = client.get(f"/en/rumors/{rumor.pk}/embed/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert frame_ancestors(response) == "*"
    body = response.content.decode()
    assert "AI-generated" in body and "The media was synthesised" in body and "Kiss clip" in body
    assert "Kim Go-eun" in body
    links = re.findall(r"<a [^>]*>", body)
    assert links and all('target="_blank"' in link for link in links)


@pytest.mark.parametrize("path", ["rumor page", "/", "/en/search/", "/oembed/"])
def test_every_other_page_refuses_framing(client, rumor, path):
    response = client.get(rumor.get_absolute_url() if path == "rumor page" else path)
    assert response["X-Frame-Options"] == "DENY"
    assert frame_ancestors(response) == "'none'"
