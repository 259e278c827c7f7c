"""The demo and bulk seeds write the search index with their rows: their rumors are found as
fans type, like submitted ones."""

import io

import pytest
from django.core.management import call_command

from rumors.models import Person, Rumor
from rumors.selectors.search import search

pytestmark = pytest.mark.django_db


def test_demo_rumors_are_found_by_hangul_names_with_particles():
    call_command("seed_demo", stdout=io.StringIO())
    titles = [r.title for r in search(q="김다미가 키스").rumors]
    assert titles[0] == "Park Seo-joon and Kim Da-mi kissing off-screen"


def test_bulk_rumors_are_found_by_names_with_particles_and_korean_claim_words():
    call_command("seed_bulk", rumors=60, verbosity=0)
    hangul = Person.objects.filter(rumors__isnull=False).first().name_hangul
    found = search(q=f"{hangul}의").rumors
    assert found
    assert all(hangul in {p.name_hangul for p in r.people.all()} for r in found)
    with_word = set(Rumor.objects.filter(claim__contains="결혼설"))
    assert with_word and with_word <= set(search(q="결혼설은", limit=100).rumors)
