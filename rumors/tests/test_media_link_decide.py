"""Moderators confirm or split a link of similar media (media_link_decide, the buttons on the
rumor page): both rumors' timelines record it; a split link is shown to moderators only and
matching never links the pair again; members cannot decide."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.matching import hash_image
from rumors.models import MediaLink, TimelineEvent
from rumors.services.media_links import media_link_decide, media_links_refresh
from rumors.tests.factories import RumorFactory, SourceFactory, media_link
from rumors.tests.images import fixture_image, reencoded

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    """Two rumors whose links hold the same picture (real PDQ hashes), suggested at 20 bits."""
    promo = hash_image(fixture_image("promo-still.jpg"))
    first = RumorFactory(title="Promo still", with_source=SourceFactory())
    second = RumorFactory(title="Re-upload", with_source=SourceFactory())
    for rumor in (first, second):
        rumor.sources.update(pdq=promo.pdq, pdq_quality=promo.quality)
    link = media_link(first.sources.get(), second.sources.get(), distance=20, state="suggested")
    return first, second, link


def test_a_confirmed_link_is_recorded_on_both_rumors(pair):
    first, second, link = pair
    moderator = ModeratorFactory()
    link = media_link_decide(moderator=moderator, link=link, decision="confirm")
    assert link.state == MediaLink.State.CONFIRMED and link.decided_by == moderator
    for rumor in (first, second):
        event = rumor.events.get(kind=TimelineEvent.Kind.MEDIA_LINK_CONFIRMED)
        assert event.actor == moderator and event.data == {"media_link": link.pk, "distance": 20}


def test_deciding_the_same_again_changes_nothing(pair):
    first, _, link = pair
    moderator = ModeratorFactory()
    media_link_decide(moderator=moderator, link=link, decision="split")
    media_link_decide(moderator=ModeratorFactory(), link=link, decision="split")
    link.refresh_from_db()
    assert link.decided_by == moderator
    assert first.events.filter(kind=TimelineEvent.Kind.MEDIA_LINK_SPLIT).count() == 1


def test_a_split_link_is_never_linked_again_by_matching(pair):
    first, second, link = pair
    media_link_decide(moderator=ModeratorFactory(), link=link, decision="split")
    # The same picture (0 bits apart) fetched again: the pair stays split.
    media_links_refresh(source=first.sources.get())
    assert MediaLink.objects.get().state == MediaLink.State.SPLIT
    assert MediaLink.objects.get().distance == 0


def test_members_cannot_decide_and_a_bad_decision_is_refused(pair):
    _, _, link = pair
    with pytest.raises(PermissionDenied):
        media_link_decide(moderator=UserFactory(), link=link, decision="confirm")
    with pytest.raises(ValidationError) as refused:
        media_link_decide(moderator=ModeratorFactory(), link=link, decision="merge")
    assert "confirm" in refused.value.message_dict["decision"][0]


def test_the_page_buttons_confirm_and_split(pair, client):
    first, second, link = pair
    client.force_login(ModeratorFactory())
    url = f"/en/rumors/{first.pk}/media-links/{link.pk}/"
    response = client.post(url, {"decision": "confirm"})
    assert response.status_code == 302 and response.url.startswith(first.get_absolute_url())
    link.refresh_from_db()
    assert link.state == MediaLink.State.CONFIRMED
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Confirmed by a moderator" in page and "20 bits apart" in page
    assert client.post(url, {"decision": "split"}).status_code == 302
    assert client.post(url, {"decision": "both"}).status_code == 400


def test_a_split_link_leaves_the_public_page(pair, client):
    first, _, link = pair
    media_link_decide(moderator=ModeratorFactory(), link=link, decision="confirm")
    panel = 'class="similar-media"'
    assert panel in client.get(first.get_absolute_url()).content.decode()
    media_link_decide(moderator=ModeratorFactory(), link=link, decision="split")
    assert panel not in client.get(first.get_absolute_url()).content.decode()


def test_members_get_403_on_a_link_they_see_and_404_on_one_they_do_not(pair, client):
    first, _, link = pair
    client.force_login(UserFactory())
    url = f"/en/rumors/{first.pk}/media-links/{link.pk}/"
    assert client.post(url, {"decision": "split"}).status_code == 404  # suggested: unseen
    link.state = MediaLink.State.AUTO
    link.save(update_fields=["state"])
    assert client.post(url, {"decision": "split"}).status_code == 403


def test_a_reencoded_copy_fetched_later_meets_a_confirmed_link_unchanged(pair):
    first, _, link = pair
    media_link_decide(moderator=ModeratorFactory(), link=link, decision="confirm")
    copy = SourceFactory()

    from rumors.matching import hash_image

    with Image.open(io.BytesIO(reencoded("promo-still.jpg", scale=0.5))) as image:
        again = hash_image(image)
    copy.pdq, copy.pdq_quality = again.pdq, again.quality
    copy.save(update_fields=["pdq", "pdq_quality"])
    media_links_refresh(source=copy)
    states = dict(MediaLink.objects.values_list("pk", "state"))
    assert states[link.pk] == MediaLink.State.CONFIRMED
    assert sorted(states.values()) == ["auto", "auto", "confirmed"]
