import pytest
from django.urls import reverse

from accounts.tests.factories import ModeratorFactory
from rumors.models import Rumor
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory, WorkFactory

pytestmark = pytest.mark.django_db


def test_short_rumor_url_redirects_to_canonical_one(client):
    rumor = RumorFactory(title="Kiss clip")
    response = client.get(reverse("rumors:detail", args=[rumor.pk]))
    assert response.status_code == 301
    assert response["Location"] == f"/en/rumors/{rumor.pk}/kiss-clip/"


def test_rumor_page_shows_claim_source_and_timeline(client):
    source = SourceFactory(title="Fetched clip title", fetch_state="fetched")
    rumor = RumorFactory(with_source=source)
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert rumor.claim in body
    assert "Fetched clip title" in body
    assert "Submitted" in body


def test_rejected_rumor_is_hidden_from_readers_but_not_moderators(client):
    rumor = RumorFactory(status=Rumor.Status.REJECTED)
    assert client.get(rumor.get_absolute_url()).status_code == 404
    client.force_login(ModeratorFactory())
    assert client.get(rumor.get_absolute_url()).status_code == 200


def test_missing_rumor_is_404(client):
    assert client.get(reverse("rumors:detail", args=[999999])).status_code == 404


def test_person_and_work_pages_list_their_rumors(client):
    person, work = PersonFactory(name="Kim Da-mi", name_hangul="김다미"), WorkFactory()
    rumor = RumorFactory(people=[person], works=[work])
    other = RumorFactory()
    for url in (person.get_absolute_url(), work.get_absolute_url()):
        body = client.get(url).content.decode()
        assert rumor.title in body and other.title not in body
    assert "김다미" in client.get(person.get_absolute_url()).content.decode()


def test_unknown_person_is_404(client):
    assert client.get(reverse("rumors:person", args=["nobody"])).status_code == 404
