"""Members follow and unfollow a rumor, an actor or a drama; submitting or proposing evidence
follows the rumor."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from notifications.models import Follow
from rumors.services.evidence import evidence_submit
from rumors.services.rumors import rumor_reject
from rumors.tests.factories import PersonFactory, RumorFactory, WorkFactory

pytestmark = pytest.mark.django_db


def follow_url(kind, pk):
    return reverse("notifications:follow", args=[kind, pk])


@pytest.mark.parametrize("kind", ["rumor", "person", "work"])
def test_a_member_follows_and_unfollows_from_the_page(client, kind):
    target = {"rumor": RumorFactory, "person": PersonFactory, "work": WorkFactory}[kind]()
    member = UserFactory()
    client.force_login(member)
    page = client.get(target.get_absolute_url(), follow=True).content.decode()
    assert f'action="{follow_url(kind, target.pk)}"' in page and ">Follow<" in page

    response = client.post(follow_url(kind, target.pk))
    assert response.status_code == 302
    client.post(follow_url(kind, target.pk))  # twice is once
    assert Follow.objects.filter(member=member, **{kind: target}).count() == 1
    page = client.get(target.get_absolute_url(), follow=True).content.decode()
    assert ">Unfollow<" in page

    client.post(follow_url(kind, target.pk), {"action": "unfollow"})
    assert not Follow.objects.filter(member=member).exists()


def test_following_needs_login_and_visitors_see_no_button(client):
    rumor = RumorFactory()
    response = client.post(follow_url("rumor", rumor.pk))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert not Follow.objects.exists()
    assert (
        follow_url("rumor", rumor.pk) not in client.get(rumor.get_absolute_url()).content.decode()
    )


def test_a_rumor_the_member_cannot_see_cannot_be_followed(client):
    from accounts.tests.factories import ModeratorFactory

    rumor = RumorFactory()
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason="Spam.")
    client.force_login(UserFactory())
    assert client.post(follow_url("rumor", rumor.pk)).status_code == 404
    assert client.post(follow_url("nothing", 1)).status_code == 404
    assert not Follow.objects.exists()


def test_submitting_a_rumor_follows_it(client):
    from rumors.services.rumors import rumor_submit

    member = UserFactory()
    rumor = rumor_submit(
        user=member, url="https://www.youtube.com/watch?v=abc123XYZ", title="A kiss on set",
        claim="They kissed between takes.",
    )  # fmt: skip
    assert Follow.objects.filter(member=member, rumor=rumor).exists()


def test_proposing_evidence_follows_the_rumor():
    member, rumor = UserFactory(), RumorFactory()
    evidence_submit(
        user=member, rumor=rumor, kind="original_footage", stance="refutes",
        url="https://www.youtube.com/watch?v=ItaewonPromo2020",
    )  # fmt: skip
    assert Follow.objects.filter(member=member, rumor=rumor).exists()
