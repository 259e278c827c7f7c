"""Members propose a person or work the site does not know yet from the submit form: usable
at once on their rumor (named on its page), but in no list, search, card, index, sitemap or
API list until a moderator approves it; a rejected proposal leaves the rumor."""

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import CatalogStatus, Person, Rumor, Work
from rumors.services.catalog import catalog_review
from rumors.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NEW = {
    "new_person_name": "Choi Woo-shik",
    "new_person_name_hangul": "최우식",
    "new_person_agency": "Management SOOP",
    "new_work_title": "Our Beloved Summer",
    "new_work_title_korean": "그 해 우리는",
    "new_work_year": "2021",
}


@pytest.fixture
def proposed(client):
    client.force_login(UserFactory())
    response = client.post(
        "/en/submit/",
        {
            "url": "https://www.youtube.com/watch?v=summer01",
            "title": "Summer reunion clip",
            "claim": "The two leads met again.",
            **NEW,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    rumor = Rumor.objects.get()
    return rumor, Person.objects.get(slug="choi-woo-shik"), Work.objects.get()


def text(client, path, **params) -> str:
    response = client.get(path, params)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def test_the_proposal_is_usable_at_once_on_its_rumor(proposed, client):
    rumor, person, work = proposed
    assert person.status == work.status == CatalogStatus.PROPOSED
    assert person.proposed_by == rumor.submitted_by
    assert (person.name_hangul, person.agency) == ("최우식", "Management SOOP")
    assert (work.title_korean, work.year) == ("그 해 우리는", 2021)
    assert list(rumor.people.all()) == [person] and list(rumor.works.all()) == [work]
    page = text(client, rumor.get_absolute_url())
    assert "Choi Woo-shik" in page and "Our Beloved Summer" in page
    assert person.get_absolute_url() not in page and work.get_absolute_url() not in page


SURFACES = [
    ("/en/people/", {}),
    ("/en/works/", {}),
    ("/en/people/", {"letter": "ㅊ"}),
    ("/sitemap.xml", {}),
    ("/en/search/", {"q": "최우식"}),
    ("/en/search/", {"q": "Our Beloved Summer"}),
    ("/en/people/suggest/", {"q": "Choi"}),
    ("/api/v1/people/", {}),
    ("/api/v1/works/", {}),
    ("/api/v1/people/", {"q": "최우식"}),
]


@pytest.mark.parametrize(("path", "params"), SURFACES)
def test_unapproved_it_is_listed_nowhere(proposed, client, path, params):
    _, person, work = proposed
    body = text(client, path, **params)
    for trace in (person.slug, work.slug, "Management SOOP"):
        assert trace not in body, (path, trace)


def test_unapproved_it_has_no_page_and_no_api_detail(proposed, client):
    _, person, work = proposed
    for path in (
        person.get_absolute_url(),
        work.get_absolute_url(),
        f"/api/v1/people/{person.slug}/",
        f"/api/v1/works/{work.slug}/",
        f"/people/{person.slug}/feed/",
    ):
        assert client.get(path).status_code == 404, path


def test_cards_in_lists_leave_it_out(proposed, client):
    rumor, person, _ = proposed
    home = text(client, "/en/")
    assert rumor.title in home and person.name not in home


@pytest.mark.parametrize(("path", "params"), SURFACES)
def test_approved_it_is_listed_everywhere(proposed, client, path, params):
    _, person, work = proposed
    moderator = ModeratorFactory()
    catalog_review(moderator=moderator, entity=person, decision="approve")
    catalog_review(moderator=moderator, entity=work, decision="approve")
    body = text(client, path, **params)
    expected = work.slug if "works" in path or "Summer" in str(params) else person.slug
    if path == "/sitemap.xml":
        assert person.slug in body and work.slug in body
    else:
        assert expected in body, (path, expected)


def test_approved_it_has_its_page_and_card_mentions(proposed, client):
    rumor, person, _ = proposed
    catalog_review(moderator=ModeratorFactory(), entity=person, decision="approve")
    assert client.get(person.get_absolute_url()).status_code == 200
    assert person.get_absolute_url() in text(client, rumor.get_absolute_url())
    assert person.name in text(client, "/en/")


def test_a_rejected_proposal_leaves_its_rumor(proposed, client):
    rumor, person, work = proposed
    catalog_review(moderator=ModeratorFactory(), entity=person, decision="reject")
    person.refresh_from_db()
    assert person.status == CatalogStatus.REJECTED and not rumor.people.exists()
    assert "Choi Woo-shik" not in text(client, rumor.get_absolute_url())
    assert client.get(person.get_absolute_url()).status_code == 404


def test_a_known_name_is_used_instead_of_a_new_proposal(client):
    known = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    client.force_login(UserFactory())
    client.post(
        "/en/submit/",
        {
            "url": "https://www.youtube.com/watch?v=known01",
            "title": "Clip",
            "claim": "A claim.",
            "new_person_name": "kim da-mi",
        },
    )
    assert list(Rumor.objects.get().people.all()) == [known]
    assert Person.objects.count() == 1


def test_a_hangul_name_without_a_latin_one_is_refused_on_the_form(client):
    client.force_login(UserFactory())
    response = client.post(
        "/en/submit/",
        {
            "url": "https://www.youtube.com/watch?v=bad01",
            "title": "Clip",
            "claim": "A claim.",
            "new_person_name_hangul": "최우식",
        },
    )
    assert response.status_code == 200
    assert "name in Latin letters" in response.content.decode()
    assert not Rumor.objects.exists()


def test_the_moderation_queue_lists_proposals_with_their_buttons(proposed, client):
    rumor, person, work = proposed
    client.force_login(ModeratorFactory())
    page = text(client, "/en/moderation/")
    assert "Choi Woo-shik" in page and "Our Beloved Summer" in page and rumor.title in page
    response = client.post(f"/en/moderation/people/{person.slug}/review/", {"decision": "approve"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_listed
    client.force_login(UserFactory())
    response = client.post(f"/en/moderation/works/{work.slug}/review/", {"decision": "approve"})
    assert response.status_code == 404  # a member does not see the proposal


def test_the_api_submit_takes_new_people_and_works():
    api = APIClient()
    api.force_authenticate(UserFactory())
    body = {
        "url": "https://x.com/fan/status/99",
        "title": "Summer clip",
        "claim": "A claim.",
        "new_people": [{"name": "Choi Woo-shik", "name_hangul": "최우식"}],
        "new_works": [{"title": "Our Beloved Summer", "year": 2021}],
    }
    response = api.post("/api/v1/rumors/", body, format="json")
    assert response.status_code == 201, response.content
    rumor = Rumor.objects.get()
    assert [p.status for p in rumor.people.all()] == [CatalogStatus.PROPOSED]
    assert [w.year for w in rumor.works.all()] == [2021]
    assert api.get("/api/v1/people/").json()["count"] == 0
    bad = api.post(
        "/api/v1/rumors/",
        {**body, "url": "https://x.com/fan/status/100", "new_people": [{"name": ""}]},
        format="json",
    )
    assert bad.status_code == 400 and "new_people" in bad.json()
