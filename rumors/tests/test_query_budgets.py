"""Every page costs a fixed number of SQL queries, however many items it shows (the same on
SQLite and PostgreSQL)."""

import pytest
from django.urls import reverse

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence, TimelineEvent, VerdictVote
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory, WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """One actor, drama and member, and a function that adds `k` busy rumors about them."""
    person, work, member = PersonFactory(), WorkFactory(), UserFactory()
    rumors = []

    def grow(k: int):
        for _ in range(k):
            rumor = RumorFactory(
                people=[person, PersonFactory()], works=[work], submitted_by=member
            )
            rumor.sources.add(SourceFactory(fetch_state="fetched", title="a clip"))
            moderator = ModeratorFactory()
            evidence = Evidence.objects.create(
                rumor=rumor, kind="news_report", stance="refutes", submitted_by=moderator
            )
            VerdictVote.objects.create(
                rumor=rumor, moderator=moderator, round=1, verdict="false", rationale="x"
            )
            for kind in (TimelineEvent.Kind.EVIDENCE_ADDED, TimelineEvent.Kind.VOTE_CAST):
                TimelineEvent.objects.create(
                    rumor=rumor, kind=kind, actor=moderator, evidence=evidence
                )
            rumors.append(rumor)
        return rumors

    return person, work, member, grow


def assert_budget(client, django_assert_num_queries, grow, url_for, queries: int):
    """The page runs exactly `queries` queries with 2 items and with 12."""
    for k in (2, 10):
        grow(k)
        with django_assert_num_queries(queries):
            response = client.get(url_for())
        assert response.status_code == 200


def test_home_page(client, django_assert_num_queries, world):
    *_, grow = world
    assert_budget(client, django_assert_num_queries, grow, lambda: "/en/", 6)


def test_rumor_page(client, django_assert_num_queries, world):
    *_, grow = world
    rumor = grow(1)[0]

    def more(k):
        for _ in range(k):
            rumor.sources.add(SourceFactory(fetch_state="fetched"))
            TimelineEvent.objects.create(
                rumor=rumor, kind=TimelineEvent.Kind.VOTE_CAST, actor=ModeratorFactory()
            )
            Evidence.objects.create(rumor=rumor, kind="other", stance="context")

    assert_budget(client, django_assert_num_queries, more, rumor.get_absolute_url, 10)


def test_actor_page(client, django_assert_num_queries, world):
    person, _, _, grow = world
    assert_budget(client, django_assert_num_queries, grow, person.get_absolute_url, 6)


def test_drama_page(client, django_assert_num_queries, world):
    _, work, _, grow = world
    assert_budget(client, django_assert_num_queries, grow, work.get_absolute_url, 6)


def test_member_profile_page(client, django_assert_num_queries, world):
    _, _, member, grow = world
    assert_budget(client, django_assert_num_queries, grow, member.get_absolute_url, 2)


def test_submit_page(client, django_assert_num_queries, world):
    *_, grow = world
    client.force_login(UserFactory())
    url = reverse("rumors:submit")
    assert_budget(client, django_assert_num_queries, grow, lambda: url, 4)


def test_login_page(client, django_assert_num_queries, world):
    *_, grow = world
    url = reverse("accounts:login")
    assert_budget(client, django_assert_num_queries, grow, lambda: url, 0)


def test_health_check(client, django_assert_num_queries, world):
    *_, grow = world
    assert_budget(client, django_assert_num_queries, grow, lambda: "/healthz", 1)
