"""/sitemap.xml lists visible rumors, people and works with their last change; rejected, held
and media-withheld rumors never appear. /robots.txt points to it, allows the rumor, people and
works pages and keeps moderation, accounts and the API out."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from rumors.models import Rumor
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client) -> dict[str, str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - the site's own answer
    return {
        url.find("s:loc", NS).text: url.find("s:lastmod", NS).text
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_visible_rumors_people_and_works_with_their_last_change(client):
    person, work = PersonFactory(slug="kim-da-mi"), WorkFactory(slug="itaewon-class")
    changed = timezone.now() - timedelta(days=3)
    rumor = RumorFactory(people=[person], works=[work], last_activity_at=changed)
    urls = sitemap(client)
    base = "http://testserver"
    assert urls[base + rumor.get_absolute_url()] == changed.date().isoformat()
    assert urls[base + "/en/people/kim-da-mi/"] == changed.date().isoformat()
    assert urls[base + "/en/works/itaewon-class/"] == changed.date().isoformat()


def test_rejected_held_and_media_withheld_rumors_never_appear(client):
    shown = RumorFactory(title="Shown")
    rejected = RumorFactory(title="Spam", status=Rumor.Status.REJECTED)
    held = RumorFactory(title="Held", held_until=timezone.now() + timedelta(days=3))
    withheld = RumorFactory(title="Withheld", has_hidden_media=True)
    person = PersonFactory(slug="only-hidden")
    rejected.people.add(person)
    urls = sitemap(client)
    paths = {url.removeprefix("http://testserver") for url in urls}
    assert shown.get_absolute_url() in paths
    for hidden in (rejected, held, withheld):
        assert not any(f"/rumors/{hidden.pk}/" in path for path in paths)
    # A person known only from a rejected rumor is listed, with no date taken from it.
    assert urls["http://testserver/en/people/only-hidden/"] == person.created_at.date().isoformat()


def test_robots_txt_points_to_the_sitemap_and_keeps_private_paths_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ("/en/rumors/", "/ko/rumors/", "/en/people/", "/ko/works/"):
        assert f"Allow: {path}" in lines
    for path in ("/en/moderation/", "/ko/accounts/", "/api/", "/language/"):
        assert f"Disallow: {path}" in lines
