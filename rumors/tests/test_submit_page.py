import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from rumors.models import Rumor
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db

SUBMIT = reverse("rumors:submit")


def data(**overrides):
    base = {
        "url": "https://www.tiktok.com/@someone/video/123",
        "title": "Backstage kiss clip",
        "claim": "Two leads kissed backstage.",
    }
    return {**base, **overrides}


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(SUBMIT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_member_submits_and_lands_on_the_rumor(client):
    client.force_login(UserFactory())
    person = PersonFactory(slug="park-seo-joon")
    response = client.post(SUBMIT, data(people=["park-seo-joon"]))
    rumor = Rumor.objects.get()
    assert response.status_code == 302
    assert response["Location"] == rumor.get_absolute_url()
    assert list(rumor.people.all()) == [person]
    page = client.get(response["Location"])
    assert "Backstage kiss clip" in page.content.decode()


def test_duplicate_link_leads_to_existing_rumor(client):
    source = SourceFactory(url="https://www.tiktok.com/@someone/video/123")
    existing = RumorFactory(with_source=source)
    client.force_login(UserFactory())
    response = client.post(SUBMIT, data(url="https://tiktok.com/@someone/video/123?utm_source=x"))
    assert response.status_code == 302
    assert response["Location"] == existing.get_absolute_url()
    assert Rumor.objects.count() == 1
    page = client.get(response["Location"])
    assert "already submitted" in page.content.decode()


def test_bad_link_is_explained_and_the_rest_is_kept(client):
    client.force_login(UserFactory())
    response = client.post(SUBMIT, data(url="not a link"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid URL" in body
    assert "Two leads kissed backstage." in body
    assert not Rumor.objects.exists()


def test_unknown_actor_slug_is_rejected(client):
    client.force_login(UserFactory())
    response = client.post(SUBMIT, data(people=["nobody"]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("slug", ["nobody", "bad\x00slug", "<script>"])
def test_unknown_or_malformed_actor_slugs_are_rejected(client, slug):
    client.force_login(UserFactory())
    response = client.post(SUBMIT, data(people=[slug]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Rumor.objects.exists()
