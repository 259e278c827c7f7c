"""/accounts/notifications/ and the unread count in the header."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from notifications.services import follow_add
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("notifications:list")


def test_the_page_needs_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_header_counts_unread_until_the_page_is_seen(
    client, fan, reach_verdict, django_capture_on_commit_callbacks
):
    assert PAGE == "/en/accounts/notifications/"
    rumors = [RumorFactory(title=f"Clip {n}") for n in range(2)]
    for rumor in rumors:
        follow_add(member=fan, target=rumor)
    with django_capture_on_commit_callbacks(execute=True):
        for rumor in rumors:
            reach_verdict(rumor)
    client.force_login(fan)
    home = client.get(reverse("rumors:home")).content.decode()
    assert '<span class="badge" aria-label="2 unread">2</span>' in home
    page = client.get(PAGE).content.decode()
    assert "Clip 0" in page and "Clip 1" in page and "new" in page
    assert 'class="badge"' not in client.get(reverse("rumors:home")).content.decode()


def test_another_members_notifications_are_not_shown(
    client, fan, reach_verdict, django_capture_on_commit_callbacks
):
    rumor = RumorFactory(title="Only for the fan")
    follow_add(member=fan, target=rumor)
    with django_capture_on_commit_callbacks(execute=True):
        reach_verdict(rumor)
    client.force_login(UserFactory())
    assert "Only for the fan" not in client.get(PAGE).content.decode()


def test_the_page_costs_the_same_queries_for_many(
    client, fan, reach_verdict, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    rumors = [RumorFactory() for _ in range(6)]
    for rumor in rumors:
        follow_add(member=fan, target=rumor)
    with django_capture_on_commit_callbacks(execute=True):
        for rumor in rumors:
            reach_verdict(rumor)
    client.force_login(fan)
    with django_assert_max_num_queries(8):
        assert client.get(PAGE).status_code == 200
