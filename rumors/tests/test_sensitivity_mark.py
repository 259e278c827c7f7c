import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Rumor, Source, TimelineEvent
from rumors.services.sensitivity import rumor_set_sensitive, source_set_sensitive
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_moderator_marks_a_source_and_every_rumor_on_it_records_it():
    source = SourceFactory()
    first, second = RumorFactory(with_source=source), RumorFactory(with_source=source)
    moderator = ModeratorFactory()
    source_set_sensitive(source_id=source.pk, user=moderator, sensitive=True)
    assert Source.objects.get(pk=source.pk).is_sensitive
    for rumor in (first, second):
        event = rumor.events.get(kind=TimelineEvent.Kind.MARKED_SENSITIVE)
        assert event.actor == moderator and event.source == source


def test_marking_again_changes_nothing_and_adds_no_event():
    rumor = RumorFactory()
    moderator = ModeratorFactory()
    rumor_set_sensitive(rumor_id=rumor.pk, user=moderator, sensitive=True)
    rumor_set_sensitive(rumor_id=rumor.pk, user=moderator, sensitive=True)
    assert rumor.events.filter(kind=TimelineEvent.Kind.MARKED_SENSITIVE).count() == 1
    assert Rumor.objects.get(pk=rumor.pk).is_sensitive


def test_members_cannot_mark_media_sensitive():
    rumor = RumorFactory()
    with pytest.raises(PermissionDenied):
        rumor_set_sensitive(rumor_id=rumor.pk, user=UserFactory(), sensitive=True)
    assert not Rumor.objects.get(pk=rumor.pk).is_sensitive


def test_moderator_uses_the_form_on_the_rumor_page(client):
    rumor = RumorFactory()
    source = rumor.sources.get()
    client.force_login(ModeratorFactory())
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert "Mark this link sensitive" in page and "Mark the whole rumor sensitive" in page
    url = reverse("rumors:mark_sensitive", args=[rumor.pk])
    response = client.post(url, {"source": source.pk, "sensitive": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == rumor.get_absolute_url()
    assert "Marked sensitive" in response.content.decode()
    assert Source.objects.get(pk=source.pk).is_sensitive
    client.post(url, {"source": source.pk})
    assert not Source.objects.get(pk=source.pk).is_sensitive


def test_member_is_refused_and_sees_no_form(client):
    rumor = RumorFactory()
    client.force_login(UserFactory())
    assert (
        "Mark the whole rumor sensitive"
        not in client.get(rumor.get_absolute_url()).content.decode()
    )
    response = client.post(reverse("rumors:mark_sensitive", args=[rumor.pk]), {"sensitive": "on"})
    assert response.status_code == 403
    assert not Rumor.objects.get(pk=rumor.pk).is_sensitive


def test_anonymous_reader_is_refused(client):
    rumor = RumorFactory()
    response = client.post(reverse("rumors:mark_sensitive", args=[rumor.pk]), {"sensitive": "on"})
    assert response.status_code == 403


def test_a_source_of_another_rumor_cannot_be_marked_through_this_one(client):
    rumor, other = RumorFactory(), RumorFactory()
    client.force_login(ModeratorFactory())
    response = client.post(
        reverse("rumors:mark_sensitive", args=[rumor.pk]),
        {"source": other.sources.get().pk, "sensitive": "on"},
    )
    assert response.status_code == 404
    assert not other.sources.get().is_sensitive


def test_bad_form_input_is_rejected_with_a_message(client):
    rumor = RumorFactory()
    client.force_login(ModeratorFactory())
    response = client.post(
        reverse("rumors:mark_sensitive", args=[rumor.pk]), {"source": "x", "sensitive": "on"}
    )
    assert response.status_code == 400
    assert b"incomplete" in response.content


def test_lifting_the_mark_has_its_own_event_kind():
    rumor, moderator = RumorFactory(), ModeratorFactory()
    rumor_set_sensitive(rumor_id=rumor.pk, user=moderator, sensitive=True)
    rumor_set_sensitive(rumor_id=rumor.pk, user=moderator, sensitive=False)
    kinds = list(rumor.events.values_list("kind", flat=True))
    assert kinds[-2:] == ["marked_sensitive", "unmarked_sensitive"]
    assert not rumor.events.filter(kind=TimelineEvent.Kind.EDITED).exists()
