"""A moderator without a confirmed second factor (TOTP) cannot act as one: not on the site, not
through the API, not in the services; with one, they can. The rule is rumors.permissions
.is_moderator, which every service, API view and page asks."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import VerdictVote
from rumors.services.votes import vote_cast
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

SETUP_URL = "/en/accounts/2fa/totp/activate/"
VOTE = {"verdict": "ai_generated", "rationale": "Faces swapped onto 2020 footage."}


@pytest.fixture
def bare_moderator():
    return ModeratorFactory(second_factor=False)


def test_without_a_second_factor_a_moderator_cannot_vote_on_the_site(client, bare_moderator):
    rumor = RumorFactory()
    client.force_login(bare_moderator)
    response = client.post(reverse("rumors:vote", args=[rumor.pk]), VOTE)
    assert response.status_code == 403
    body = response.content.decode()
    assert "two-factor authentication" in body and f'href="{SETUP_URL}"' in body
    assert not VerdictVote.objects.exists()


def test_without_a_second_factor_a_moderator_cannot_vote_through_the_api(bare_moderator):
    rumor = RumorFactory()
    api = APIClient()
    api.force_authenticate(bare_moderator)
    response = api.post(f"/api/v1/rumors/{rumor.pk}/votes/", VOTE, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    assert response.json()["setup_url"].endswith(SETUP_URL)
    assert not VerdictVote.objects.exists()


def test_the_service_refuses_too_and_says_why(bare_moderator):
    with pytest.raises(PermissionDenied, match="two-factor authentication"):
        vote_cast(moderator=bare_moderator, rumor=RumorFactory(), **VOTE)


def test_with_a_second_factor_a_moderator_votes_on_the_site_and_through_the_api(client):
    moderator = ModeratorFactory()
    rumor, other = RumorFactory(), RumorFactory()
    client.force_login(moderator)
    assert client.post(reverse("rumors:vote", args=[rumor.pk]), VOTE).status_code == 302
    api = APIClient()
    api.force_authenticate(User.objects.get(pk=moderator.pk))
    assert api.post(f"/api/v1/rumors/{other.pk}/votes/", VOTE, format="json").status_code == 201
    assert VerdictVote.objects.filter(moderator=moderator).count() == 2


def test_nor_review_the_queue_nor_see_what_only_moderators_see(client, bare_moderator):
    client.force_login(bare_moderator)
    assert client.get(reverse("rumors:moderation")).status_code == 403


def test_such_a_moderator_is_told_on_every_page_how_to_set_it_up(client, bare_moderator):
    client.force_login(bare_moderator)
    page = client.get(reverse("rumors:home")).content.decode()
    assert f'href="{SETUP_URL}"' in page
    for user in (ModeratorFactory(), UserFactory()):
        client.force_login(user)
        assert SETUP_URL not in client.get(reverse("rumors:home")).content.decode()


def test_such_a_moderator_is_not_counted_among_those_who_may_vote(bare_moderator):
    ready = ModeratorFactory()
    assert list(User.objects.moderators()) == [ready]


def test_the_logged_in_moderators_second_factor_costs_no_query(client, django_assert_num_queries):
    from django.contrib.auth import get_user

    moderator = ModeratorFactory()
    client.force_login(moderator)
    request = client.get(reverse("rumors:home")).wsgi_request
    request.user = get_user(request)
    with django_assert_num_queries(0):
        assert request.user.has_second_factor
