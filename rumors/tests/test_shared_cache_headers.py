"""Cache-Control per answer kind (config/shared_cache.py): what any shared cache may keep for
anonymous readers says so with the settings' lifetimes and sets no cookie; what is for a member,
or holds per-reader state, is private; other methods and redirects by language are not kept."""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from config.shared_cache import shared_cache_control
from rumors.models import Rumor
from rumors.services.takedown import rumor_hold
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory
from rumors.verdicts import Verdict

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

EXPECTED = "public, max-age=7, s-maxage=11, stale-while-revalidate=13, stale-if-error=17"


@pytest.fixture(autouse=True)
def lifetimes(settings):
    settings.CACHE_MAX_AGE = 7
    settings.CACHE_S_MAXAGE = 11
    settings.CACHE_STALE_WHILE_REVALIDATE = 13
    settings.CACHE_STALE_IF_ERROR = 17


@pytest.fixture
def answers():
    """An address of every kind of anonymous read: pages, feeds, cards, API, errors."""
    person = PersonFactory(name="Park Seo-joon", name_hangul="박서준", slug="park-seo-joon")
    work = WorkFactory(title="Itaewon Class", title_korean="이태원 클라쓰", slug="itaewon-class")
    rumor = RumorFactory(
        title="Off-screen kiss clip",
        people=[person],
        works=[work],
        status=Rumor.Status.RESOLVED,
        verdict=Verdict.AI_GENERATED,
    )
    held = RumorFactory(title="Held rumor")
    rumor_hold(user=ModeratorFactory(), rumor=held, reason="A privacy report.", days=7)
    with translation.override("en"):
        pages = {
            "home": reverse("rumors:home"),
            "home (ko)": "/ko/",
            "search": reverse("rumors:search") + "?q=kiss",
            "rumor": rumor.get_absolute_url(),
            "rumor status": reverse("rumors:status", args=[rumor.pk]),
            "timeline page": reverse("rumors:timeline", args=[rumor.pk]),
            "person": person.get_absolute_url(),
            "work": work.get_absolute_url(),
            "people": reverse("rumors:people"),
            "about": reverse("rumors:about"),
            "held (451)": held.get_absolute_url(),
            "missing (404)": "/en/rumors/999999/",
        }
    return pages | {
        "feed": reverse("syndication:feed"),
        "person feed": reverse("syndication:person_feed", args=[person.slug]),
        "oembed": "/oembed/?url=" + rumor.get_absolute_url(),
        "page card": reverse("syndication:page_card", args=["home", "en"]),
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "api rumors": "/api/v1/rumors/",
        "api rumor": f"/api/v1/rumors/{rumor.pk}/",
        "api timeline": "/api/v1/timeline/",
        "api rumor timeline": f"/api/v1/rumors/{rumor.pk}/timeline/",
        "api person": f"/api/v1/people/{person.slug}/",
        "api held (451)": f"/api/v1/rumors/{held.pk}/",
    }


def control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_anonymous_reads_may_be_kept_by_any_shared_cache(client, answers):
    for kind, path in answers.items():
        response = client.get(path)
        assert response.status_code in (200, 404, 451), (kind, response.status_code)
        if kind == "page card":
            assert response["Cache-Control"] == shared_cache_control(max_age=86400), kind
        else:
            assert response["Cache-Control"] == EXPECTED, kind
        assert not response.cookies, (kind, list(response.cookies))


def test_pages_vary_on_what_changes_them(client, answers):
    page = client.get(answers["rumor"])
    assert {"Authorization", "Cookie"} <= {part.strip() for part in page["Vary"].split(",")}
    # A page under its language prefix is the same whatever the browser's language.
    assert "Accept-Language" not in page["Vary"]
    api = client.get(answers["api rumors"])
    vary = {part.strip() for part in api["Vary"].split(",")}
    # The API's labels follow Accept-Language.
    assert {"Accept-Language", "Authorization", "Cookie"} <= vary


def test_everything_for_a_member_is_private(client, answers):
    client.force_login(UserFactory())
    for kind, path in answers.items():
        response = client.get(path)
        assert "private" in control(response), kind
        assert "public" not in control(response), kind
    api = APIClient()
    api.force_authenticate(UserFactory())
    assert "private" in control(api.get(answers["api rumors"]))


def test_answers_holding_per_reader_state_are_never_stored(client):
    for path in ("/en/accounts/login/", "/en/accounts/signup/", "/language/ko/?next=/ko/"):
        response = client.get(path)
        assert {"private", "no-store"} <= control(response), path


def test_writes_and_redirects_by_language_are_not_kept(client, answers):
    posted = APIClient().post("/api/v1/rumors/", {}, format="json")
    assert posted.status_code == 401 and "public" not in posted.get("Cache-Control", "")
    # The unprefixed address depends on the reader's language: no shared cache keeps it.
    redirect = client.get("/people/")
    assert redirect.status_code == 302
    assert "public" not in redirect.get("Cache-Control", "")
