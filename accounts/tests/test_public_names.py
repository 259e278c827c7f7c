"""A display name is free text, so the site never shows one alone: a member who calls
themselves "mod1" is shown as "mod1 (@eve)", and nobody can pass for another member."""

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.services.evidence import evidence_submit
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def test_a_display_name_is_shown_with_the_username():
    assert UserFactory(username="eve", display_name="mod1").public_name == "mod1 (@eve)"


def test_a_display_name_equal_to_the_username_is_shown_once():
    assert UserFactory(username="jiwoo", display_name="JiWoo").public_name == "jiwoo"
    assert UserFactory(username="minseo", display_name="").public_name == "minseo"


def test_pages_name_the_impostor_by_username(client):
    ModeratorFactory(username="mod1", display_name="")
    impostor = UserFactory(username="eve", display_name="mod1")
    rumor = RumorFactory(submitted_by=impostor)
    evidence_submit(
        user=impostor, rumor=rumor, kind="other", stance="context", url="https://example.org/a"
    )
    client.force_login(impostor)
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "mod1 (@eve)" in page
