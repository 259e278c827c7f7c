"""The home, actor, drama and search pages preview with their own title, description and card
(a 1200×630 PNG drawn by the site, in the reader's language)."""

import io
from html import unescape
from urllib.parse import urlsplit

import pytest
from PIL import Image

from config.languages import in_language
from rumors.tests.cardsupport import meta
from rumors.tests.factories import PersonFactory, WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(settings):
    settings.SITE_URL = "https://jinjja.example"
    person = PersonFactory(name="Kim Go-eun", name_hangul="김고은", slug="kim-go-eun")
    work = WorkFactory(title="Goblin", title_korean="도깨비", slug="goblin")
    return {
        "home": ("/en/", "Jinjja: is it real?"),
        "person": (person.get_absolute_url(), "Kim Go-eun 김고은 · Jinjja"),
        "work": (work.get_absolute_url(), "Goblin 도깨비 · Jinjja"),
        "search": ("/en/search/?q=kiss", "Search · Jinjja"),
    }


@pytest.mark.parametrize("kind", ["home", "person", "work", "search"])
def test_page_previews_with_its_own_title_description_and_card(client, pages, kind):
    path, title = pages[kind]
    body = client.get(path).content.decode()
    assert unescape(meta(body, "og:title")) == title
    assert meta(body, "og:url") == f"https://jinjja.example{path}".replace("&", "&amp;")
    description = unescape(meta(body, "og:description"))
    assert description and unescape(meta(body, "description")) == description
    image = meta(body, "og:image")
    assert image == meta(body, "twitter:image") and image.endswith(".en.png")
    response = client.get(urlsplit(image).path)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as card:
        assert card.size == (1200, 630)


def test_each_page_kind_has_a_card_of_its_own(client, pages):
    images = {meta(client.get(path).content.decode(), "og:image") for path, _ in pages.values()}
    assert len(images) == 4


def test_korean_reader_gets_the_korean_card_and_text(client, pages):
    body = client.get(in_language(pages["person"][0], "ko")).content.decode()
    assert meta(body, "og:image").endswith("/people/kim-go-eun/card.ko.png")
    english = client.get(pages["person"][0]).content.decode()
    assert meta(body, "og:description") != meta(english, "og:description")


def test_cards_of_unknown_pages_people_and_languages_are_not_found(client, pages):
    for path in ["/cards/admin.en.png", "/people/nobody/card.en.png", "/cards/home.fr.png"]:
        assert client.get(path).status_code == 404, path
