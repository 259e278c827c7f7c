"""Lists in a submission are capped and resolved in one query: `"people": [slug] * 10000` took
18.7 s, one query per slug."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from rumors.models import Rumor
from rumors.tests.factories import PersonFactory, WorkFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/rumors/"


def body(n, **overrides):
    link = f"https://www.youtube.com/watch?v=limits{n:05d}"
    return {"url": link, "title": "Airport fight", "claim": "They fought.", **overrides}


def test_ten_thousand_slugs_are_refused_at_once_without_a_lookup(api):
    person = PersonFactory()
    api.force_authenticate(UserFactory())
    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        response = api.post(URL, body(1, people=[person.slug] * 10_000), format="json")
    assert response.status_code == 400
    assert "no more than 20" in response.json()["people"][0]
    assert time.monotonic() - started < 2
    assert not any("rumors_person" in q["sql"] for q in queries.captured_queries)


def test_works_are_capped_too(api):
    api.force_authenticate(UserFactory())
    slugs = [WorkFactory().slug for _ in range(Rumor.MAX_WORKS + 1)]
    response = api.post(URL, body(2, works=slugs), format="json")
    assert response.status_code == 400
    assert "no more than 10" in response.json()["works"][0]


def test_slugs_are_resolved_in_one_query_however_many(api):
    api.force_authenticate(UserFactory())
    people = [PersonFactory() for _ in range(Rumor.MAX_PEOPLE)]
    counts = []
    for n, chosen in enumerate((people[:1], people)):
        with CaptureQueriesContext(connection) as queries:
            response = api.post(URL, body(10 + n, people=[p.slug for p in chosen]), format="json")
        assert response.status_code == 201, response.content
        lookups = [q for q in queries.captured_queries if 'FROM "rumors_person"' in q["sql"]]
        counts.append(len(lookups))
    assert counts[0] == counts[1]
    rumor = Rumor.objects.get(pk=response.json()["id"])
    assert rumor.people.count() == Rumor.MAX_PEOPLE


def test_unknown_slug_is_named_in_the_error(api):
    api.force_authenticate(UserFactory())
    response = api.post(URL, body(3, people=[PersonFactory().slug, "nobody"]), format="json")
    assert response.status_code == 400
    assert "nobody" in response.json()["people"][0]


def test_submit_form_caps_people_too(client):
    client.force_login(UserFactory())
    slugs = [PersonFactory().slug for _ in range(Rumor.MAX_PEOPLE + 1)]
    data = {"url": "https://www.tiktok.com/@a/video/9", "title": "T", "claim": "C", "people": slugs}
    response = client.post(reverse("rumors:submit"), data)
    assert response.status_code == 200
    assert "Choose at most 20." in response.content.decode()
    assert not Rumor.objects.exists()
