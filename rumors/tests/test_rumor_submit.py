import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import UserFactory
from rumors.models import Rumor, Source, TimelineEvent
from rumors.pagecache import pages_stamp_refresh
from rumors.services.rumors import DuplicateSubmission, rumor_submit
from rumors.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def submit(user, url="https://www.youtube.com/watch?v=abc123", **kw):
    defaults = {"title": "Off-screen kiss clip", "claim": "They kissed after filming."}
    return rumor_submit(user=user, url=url, **{**defaults, **kw})


def test_submit_saves_rumor_source_round_and_event():
    user = UserFactory()
    person = PersonFactory()
    rumor = submit(user, people=[person])
    assert rumor.status == Rumor.Status.SUBMITTED
    assert list(rumor.people.all()) == [person]
    source = rumor.sources.get()
    assert source.fetch_state == Source.State.PENDING
    assert rumor.rounds.get().number == 1
    event = rumor.events.get()
    assert event.kind == TimelineEvent.Kind.SUBMITTED
    assert event.actor == user


def test_submit_queues_fetch_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(UserFactory())
    fetches = [c for c in callbacks if c is not pages_stamp_refresh]  # the other: page cache
    assert len(fetches) == 1


def test_same_link_spelled_differently_leads_to_existing_rumor():
    first = submit(UserFactory(), url="https://youtu.be/abc123?si=tracking")
    with pytest.raises(DuplicateSubmission) as exc:
        submit(UserFactory(), url="https://m.youtube.com/watch?v=abc123&t=42")
    assert exc.value.rumor == first
    assert Rumor.objects.count() == 1
    assert Source.objects.count() == 1


def test_blank_title_and_claim_are_rejected_with_messages():
    with pytest.raises(ValidationError) as exc:
        submit(UserFactory(), title=" ", claim="")
    assert set(exc.value.message_dict) == {"title", "claim"}
    assert not Source.objects.exists()


def test_non_http_link_is_rejected():
    with pytest.raises(ValidationError) as exc:
        submit(UserFactory(), url="javascript:alert(1)")
    assert "url" in exc.value.message_dict
