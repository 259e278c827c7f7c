"""The submit form's helpers: the duplicate-link check and the actor suggestions."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from config.languages import in_language
from rumors.models import Rumor
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db

CHECK = reverse("rumors:submit_check")
SUGGEST = reverse("rumors:people_suggest")


def test_link_submitted_before_is_announced_with_the_existing_rumor(client):
    source = SourceFactory(url="https://www.tiktok.com/@someone/video/123")
    rumor = RumorFactory(title="Backstage kiss", with_source=source)
    data = client.get(CHECK, {"url": "https://tiktok.com/@someone/video/123?utm_source=x"}).json()
    assert data["duplicate"] is True
    assert data["url"] == rumor.get_absolute_url()
    assert "already submitted" in data["message"] and "Backstage kiss" in data["message"]


def test_announcement_links_the_rumor_title_with_its_verdict_badge(client):
    source = SourceFactory(url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    rumor = RumorFactory(
        title="Airport <fight>", with_source=source, verdict="false", status=Rumor.Status.RESOLVED
    )
    html = client.get(CHECK, {"url": "https://youtu.be/dQw4w9WgXcQ"}).json()["html"]
    assert f'<a href="{rumor.get_absolute_url()}">Airport &lt;fight&gt;</a>' in html
    assert "Already submitted:" in html
    assert 'class="badge badge-verdict-false"' in html and ">False</span>" in html


def test_announcement_of_an_undecided_rumor_shows_its_status(client):
    RumorFactory(with_source=SourceFactory(url="https://x.com/fan/status/1"))
    html = client.get(CHECK, {"url": "https://x.com/i/status/1"}).json()["html"]
    assert 'class="badge badge-open"' in html and ">Submitted</span>" in html


def test_announcement_is_in_korean_for_korean_readers(client):
    source = SourceFactory(url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    RumorFactory(with_source=source, verdict="false", status=Rumor.Status.RESOLVED)
    html = client.get(in_language(CHECK, "ko"), {"url": "https://youtu.be/dQw4w9WgXcQ"}).json()[
        "html"
    ]
    assert "이미 제출된 링크입니다:" in html and ">거짓</span>" in html


@pytest.mark.parametrize("url", ["https://www.tiktok.com/@else/video/9", "not a link", ""])
def test_new_or_bad_link_is_not_a_duplicate(client, url):
    RumorFactory()
    assert client.get(CHECK, {"url": url}).json() == {"duplicate": False}


def test_rejected_rumor_is_not_revealed_to_others(client):
    source = SourceFactory(url="https://x.com/spam/status/1")
    RumorFactory(with_source=source, status=Rumor.Status.REJECTED)
    client.force_login(UserFactory())
    assert client.get(CHECK, {"url": source.url}).json() == {"duplicate": False}


def test_actor_suggestions_match_romanized_and_hangul_names(client):
    PersonFactory(name="Park Seo-joon", name_hangul="박서준", slug="park-seo-joon")
    PersonFactory(name="Park Bo-gum", name_hangul="박보검", slug="park-bo-gum")
    PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    names = [p["slug"] for p in client.get(SUGGEST, {"q": "park"}).json()["results"]]
    assert names == ["park-bo-gum", "park-seo-joon"]
    result = client.get(SUGGEST, {"q": "서준"}).json()["results"]
    assert result == [{"slug": "park-seo-joon", "name": "Park Seo-joon", "name_hangul": "박서준"}]
    assert client.get(SUGGEST, {"q": " "}).json() == {"results": []}


def test_suggestions_are_few_and_in_two_queries(client, django_assert_num_queries):
    PersonFactory.create_batch(20)
    # The name terms the query finds, then those people (the same code as search).
    with django_assert_num_queries(2):
        results = client.get(SUGGEST, {"q": "actor"}).json()["results"]
    assert len(results) == 8


def test_submit_form_works_without_javascript_and_offers_the_helpers(client):
    PersonFactory(name="Kim Da-mi", slug="kim-da-mi")
    client.force_login(UserFactory())
    body = client.get(reverse("rumors:submit")).content.decode()
    assert '<select name="people"' in body and 'value="kim-da-mi"' in body
    assert f'data-check-url="{CHECK}"' in body and f'data-suggest-url="{SUGGEST}"' in body
