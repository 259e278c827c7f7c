"""rebuild_search_index fills the search index for rows written before it existed."""

import io

import pytest
from django.core.management import call_command

from rumors.models import NameTerm, SearchTerm
from rumors.selectors.search import search
from rumors.tests.factories import PersonFactory, RumorFactory

pytestmark = pytest.mark.django_db


def test_rows_written_before_the_index_are_found_after_a_rebuild():
    person = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    RumorFactory(title="Airport photos", claim="공항에서 포착", people=[person])
    SearchTerm.objects.all().delete()
    NameTerm.objects.all().delete()
    assert search(q="김다미가").rumors == [] and search(q="공항").rumors == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    call_command("rebuild_search_index", stdout=out)  # safe to re-run
    assert [r.title for r in search(q="김다미가").rumors] == ["Airport photos"]
    assert [r.title for r in search(q="공항").rumors] == ["Airport photos"]
