"""A word found in very many rumors (a famous actor, a verdict word) contributes only its
newest CANDIDATES_PER_SOURCE rumors each way it matches, which keeps search fast at scale."""

import importlib

import pytest

from rumors.selectors.search import search
from rumors.tests.factories import PersonFactory, RumorFactory

pytestmark = pytest.mark.django_db
# The module, not the function of the same name that rumors.selectors exports.
search_module = importlib.import_module("rumors.selectors.search")


def test_each_way_a_word_matches_contributes_its_newest_rumors(monkeypatch):
    monkeypatch.setattr(search_module, "CANDIDATES_PER_SOURCE", 2)
    kim = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    oldest, older, newer, newest = (
        RumorFactory(title=f"Airport photos {n}", claim="Seen at the airport.", people=[kim])
        for n in range(4)
    )
    # By text, the two newest; by the person, the same two: the older ones are left out.
    assert search(q="airport").rumors == [newest, newer]
    assert search(q="김다미").rumors == [newest, newer]
    monkeypatch.setattr(search_module, "CANDIDATES_PER_SOURCE", 10)
    assert search(q="airport").rumors == [newest, newer, older, oldest]
