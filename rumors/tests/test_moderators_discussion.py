"""Moderators deliberate on each rumor in a thread only they see; @username tells another
moderator by mail."""

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from mail.models import OutgoingMail
from rumors.models import ModeratorComment
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def post(client, rumor, body):
    return client.post(f"/en/rumors/{rumor.pk}/discussion/", {"body": body})


def test_moderators_discuss_and_a_mention_is_told(client, django_capture_on_commit_callbacks):
    rumor = RumorFactory(title="Airport clip")
    author = ModeratorFactory(username="seoyeon")
    colleague = ModeratorFactory(username="jihoon", email="jihoon@example.com", language="en")
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        answer = post(client, rumor, "The jawline flickers at **0:06**. @JiHoon, can you check?")
    assert answer.status_code == 302 and answer["Location"].endswith("#discussion")
    comment = ModeratorComment.objects.get()
    assert list(comment.mentions.all()) == [colleague]
    [message] = OutgoingMail.objects.all()  # the outbox sends it (mail/tests)
    assert message.to == ["jihoon@example.com"]
    assert "seoyeon" in message.subject and "Airport clip" in message.body
    assert "mentioned you in the moderators' discussion" in message.body  # in their language

    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "Moderators&#x27; discussion" in page or "Moderators' discussion" in page
    assert "<strong>0:06</strong>" in page


def test_members_and_readers_never_see_the_thread(client):
    rumor = RumorFactory()
    ModeratorComment.objects.create(rumor=rumor, author=ModeratorFactory(), body="Secret take")
    assert "Secret take" not in client.get(rumor.get_absolute_url()).content.decode()
    member = UserFactory()
    client.force_login(member)
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "Secret take" not in page and 'id="discussion"' not in page
    assert post(client, rumor, "Let me in").status_code == 403
    assert ModeratorComment.objects.count() == 1


def test_a_mention_of_a_member_tells_nobody(client, django_capture_on_commit_callbacks):
    rumor = RumorFactory()
    UserFactory(username="fan", email="fan@example.com")
    client.force_login(ModeratorFactory())
    with django_capture_on_commit_callbacks(execute=True):
        post(client, rumor, "@fan submitted this")
    assert list(ModeratorComment.objects.get().mentions.all()) == []
    assert not OutgoingMail.objects.exists()


def test_an_empty_message_is_refused_and_nothing_typed_is_lost(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    assert post(client, rumor, "   ").status_code == 400
    too_long = "x" * (ModeratorComment.BODY_MAX_LENGTH + 1)
    answer = post(client, rumor, too_long)
    assert answer.status_code == 400 and too_long in answer.content.decode()
    assert not ModeratorComment.objects.exists()
