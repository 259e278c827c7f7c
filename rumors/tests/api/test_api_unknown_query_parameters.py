"""Every list answers 400 naming a query parameter it does not know, instead of ignoring it:
a bot asking `?url=` (no such filter) or misspelling `verdict` must not read every rumor."""

import pytest

from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "/api/v1/rumors/": "verdict=ai_generated&ordering=-created_at&page=1&page_size=5&q=kiss",
    "/api/v1/timeline/": "kind=submitted&page_size=5",
    "/api/v1/people/": "q=kim&page=1",
    "/api/v1/works/": "q=itaewon&page_size=2",
    "/api/v1/rumors/{pk}/timeline/": "page=1&page_size=10",
}


@pytest.fixture
def lists():
    rumor = RumorFactory()
    return {url.format(pk=rumor.pk): known for url, known in LISTS.items()}


def test_every_list_names_the_unknown_parameter_in_a_400(api, lists):
    for url in lists:
        response = api.get(url, {"url": "https://youtu.be/abc", "verdcit": "false"})
        assert response.status_code == 400, url
        body = response.json()
        assert set(body) == {"url", "verdcit"}, url
        assert body["url"][0].startswith("Unknown query parameter. This list takes: ")


def test_the_parameters_a_list_knows_still_work(api, lists):
    for url, known in lists.items():
        assert api.get(f"{url}?{known}").status_code == 200, url
        assert api.get(f"{url}?format=json").status_code == 200, url


def test_the_error_lists_what_the_list_takes(api):
    message = api.get("/api/v1/rumors/?sort=new").json()["sort"][0]
    for name in ("verdict", "person", "work", "q", "ordering", "page", "page_size"):
        assert name in message


def test_an_unknown_parameter_is_refused_even_when_the_list_is_cached(api, page_cache):
    RumorFactory()
    assert api.get("/api/v1/rumors/").status_code == 200
    assert api.get("/api/v1/rumors/").headers["X-Page-Cache"] == "hit"
    assert api.get("/api/v1/rumors/?urll=x").status_code == 400
