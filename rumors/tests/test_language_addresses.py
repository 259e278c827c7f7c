"""Each language its own address: every page kind answers under /en/ and /ko/ in that language
with its hreflang alternates; old unprefixed links redirect to the reader's language; what is
not a page keeps its address; anonymous pages hold nothing per reader, except the named forms
an anonymous reader posts, which say they are never to be cached."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from config.languages import in_language
from rumors.models import Rumor
from rumors.services.takedown import rumor_hold
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory
from rumors.verdicts import Verdict

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]

SITE = "https://jinjja.example"
WORDS = {"en": "Latest verdicts", "ko": "최신 판정"}
# Pages whose forms an anonymous reader posts: they carry a CSRF token and are never cached.
POSTED_BY_VISITORS = {"login", "signup", "password reset", "report"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["testserver", "jinjja.example"]


@pytest.fixture
def pages():
    """One address of every page kind a reader opens, in English."""
    person = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    work = WorkFactory(title="Itaewon Class", title_korean="이태원 클라쓰", slug="itaewon-class")
    rumor = RumorFactory(
        title="Off-screen kiss clip",
        people=[person],
        works=[work],
        status=Rumor.Status.RESOLVED,
        verdict=Verdict.AI_GENERATED,
    )
    with translation.override("en"):
        return {
            "home": reverse("rumors:home"),
            "search": reverse("rumors:search") + "?q=kiss",
            "rumor": rumor.get_absolute_url(),
            "timeline": reverse("rumors:timeline", args=[rumor.pk]),
            "sources": reverse("rumors:sources", args=[rumor.pk]),
            "embed": reverse("rumors:embed", args=[rumor.pk]),
            "people": reverse("rumors:people"),
            "person": person.get_absolute_url(),
            "works": reverse("rumors:works"),
            "work": work.get_absolute_url(),
            "about": reverse("rumors:about"),
            "transparency": reverse("rumors:transparency"),
            "report sent": reverse("rumors:report_sent"),
            "report": reverse("rumors:report"),
            "login": reverse("accounts:login"),
            "signup": reverse("accounts:signup"),
            "password reset": reverse("accounts:password_reset"),
        }


def alternates(body: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', body))


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_page_kind_answers_in_both_prefixes_with_its_language(client, pages, language):
    for kind, english in pages.items():
        path = in_language(english, language)
        response = client.get(path)
        assert response.status_code == 200, (kind, path, response.status_code)
        body = response.content.decode()
        assert f'<html lang="{language}">' in body, kind
        assert response["Content-Language"] == language, kind
        assert alternates(body) == {
            "en": SITE + in_language(english, "en"),
            "ko": SITE + in_language(english, "ko"),
            "x-default": SITE + english.removeprefix("/en"),
        }, kind
        # The prefix alone decides: no Vary on the reader's headers.
        assert "Accept-Language" not in response.get("Vary", ""), kind
    assert WORDS[language] in client.get(f"/{language}/").content.decode()


def test_old_unprefixed_links_redirect_to_the_readers_language(client, pages):
    old = pages["rumor"].removeprefix("/en")
    english = client.get(old)
    assert (english.status_code, english["Location"]) == (302, pages["rumor"])
    assert {"Accept-Language", "Cookie"} <= {part.strip() for part in english["Vary"].split(",")}
    korean = client.get(old, HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9,en;q=0.5")
    assert korean["Location"] == in_language(pages["rumor"], "ko")
    # The query string travels with it.
    assert client.get("/search/", {"q": "키스"}, HTTP_ACCEPT_LANGUAGE="ko")["Location"] == (
        "/ko/search/?q=%ED%82%A4%EC%8A%A4"
    )
    # The remembered choice comes before the browser's language.
    client.get(reverse("language_switch", args=["en"]) + "?next=/en/")
    assert client.get(old, HTTP_ACCEPT_LANGUAGE="ko")["Location"] == pages["rumor"]


def test_what_is_not_a_page_keeps_its_address(client, pages):
    rumor = Rumor.objects.get()
    for path in (
        "/api/v1/rumors/",
        f"/api/v1/rumors/{rumor.pk}/timeline/",
        "/feeds/verdicts/",
        "/people/kim-da-mi/feed/",
        "/healthz",
        "/robots.txt",
        "/sitemap.xml",
        f"/oembed/?url={SITE}{pages['rumor']}",
        reverse("syndication:page_card", args=["home", "ko"]),
    ):
        assert client.get(path).status_code == 200, path
    # The API's labels still follow Accept-Language, and its links are to prefixed pages.
    body = APIClient().get(f"/api/v1/rumors/{rumor.pk}/", HTTP_ACCEPT_LANGUAGE="ko").json()
    assert body["verdict"]["label"] == "AI 생성"
    assert urlsplit(body["links"]["html"]).path == in_language(pages["rumor"], "ko")


def test_the_language_switch_is_a_link_that_remembers_the_choice(client, pages):
    page = client.get(pages["search"]).content.decode()
    link = re.search(r'<a href="([^"]+)" hreflang="ko" lang="ko" rel="alternate">한국어</a>', page)
    assert link, "the footer links to the Korean page"
    href = link.group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(href).query)["next"] == [in_language(pages["search"], "ko")]
    switched = client.get(href)
    assert (switched.status_code, switched["Location"]) == (
        302,
        in_language(pages["search"], "ko"),
    )
    assert switched.cookies["django_language"].value == "ko"
    assert switched["Cache-Control"] == "private, no-store"
    assert "검색" in client.get(switched["Location"]).content.decode()
    # Unprefixed addresses now lead to Korean; an address elsewhere is never followed.
    assert client.get("/")["Location"] == "/ko/"
    away = client.get(reverse("language_switch", args=["en"]) + "?next=https://evil.example/")
    assert away["Location"] == "/en/"


def test_no_anonymous_page_holds_anything_per_reader(client, pages):
    held = RumorFactory(title="Held rumor")
    rumor_hold(user=ModeratorFactory(), rumor=held, reason="A privacy report.", days=7)
    more = {
        "held": held.get_absolute_url(),
        "missing": "/en/rumors/999999/",
        "submit": reverse("rumors:submit"),
    }
    for kind, path in {**pages, **more}.items():
        for language in ("en", "ko"):
            response = client.get(in_language(path, language))
            body = response.content.decode()
            if kind in POSTED_BY_VISITORS:
                assert "csrfmiddlewaretoken" in body, kind
                control = {part.strip() for part in response["Cache-Control"].split(",")}
                assert {"private", "no-store"} <= control, kind
                continue
            assert not response.cookies, (kind, list(response.cookies))
            assert "csrfmiddlewaretoken" not in body, kind
            assert "private" not in response.get("Cache-Control", ""), kind


def test_members_still_get_their_forms(client, pages):
    client.force_login(UserFactory())
    body = client.get(pages["rumor"]).content.decode()
    assert "csrfmiddlewaretoken" in body
    assert reverse("accounts:logout") in body


def test_the_readers_bars_link_within_the_language(client, pages):
    body = client.get(in_language(pages["rumor"], "ko")).content.decode()
    assert 'action="/ko/search/"' in body
    assert 'href="/ko/report/' in body
    share = re.search(r'href="(https://twitter.com/intent/tweet\?[^"]+)"', body).group(1)
    shared = parse_qs(urlsplit(share.replace("&amp;", "&")).query)["url"][0]
    assert shared == SITE + in_language(pages["rumor"], "ko")
    assert f'<link rel="canonical" href="{shared}">' in body
    assert f'<meta property="og:url" content="{shared}">' in body


@pytest.mark.parametrize("prefix", ["", "/en", "/ko"])
def test_oembed_and_lookup_take_either_form_of_a_rumor_address(client, pages, prefix):
    rumor = Rumor.objects.get()
    address = SITE + prefix + pages["rumor"].removeprefix("/en")
    embed = client.get("/oembed/", {"url": address}).json()
    language = prefix.strip("/") or "en"
    assert f'src="{SITE}/{language}/rumors/{rumor.pk}/embed/"' in embed["html"]
    found = APIClient().get("/api/v1/lookup/", {"url": address})
    assert found.status_code == 200, found.content
    assert found.json()["rumor"]["id"] == rumor.pk


def test_sitemap_lists_each_page_in_both_languages(client, pages):
    body = client.get("/sitemap.xml").content.decode()
    for language in ("en", "ko"):
        assert f"<loc>http://testserver{in_language(pages['rumor'], language)}</loc>" in body
    assert 'hreflang="x-default"' in body
    assert f'href="http://testserver{pages["rumor"].removeprefix("/en")}"' in body


def test_feed_links_to_pages_in_the_feeds_language(client, pages):
    body = client.get("/feeds/verdicts/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert in_language(pages["rumor"], "ko") in body
