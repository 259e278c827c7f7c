import pytest
from django.core.management import CommandError, call_command

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_grant_and_revoke_moderator():
    user = UserFactory(username="Jiwoo")
    call_command("grant_moderator", "jiwoo")
    user.refresh_from_db()
    assert user.is_moderator
    call_command("grant_moderator", "jiwoo")  # safe to re-run
    call_command("grant_moderator", "JIWOO", "--revoke")
    user.refresh_from_db()
    assert not user.is_moderator


def test_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="No user called 'ghost'"):
        call_command("grant_moderator", "ghost")
