"""Moderators merge one rumor into another (rumor_merge, the page's form, POST
/api/v1/rumors/{id}/merge/): links, evidence, people, works and followers move; votes stay in
the merged rumor's history; its page answers 301 to the survivor and its API detail 200 with
`merged_into`; both timelines record `merged`, and the public stream a `withdrawn`."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from notifications.models import Follow
from notifications.services import follow_add
from rumors.models import Evidence, Rumor, TimelineEvent, VerdictVote
from rumors.services.merge import AlreadyMerged, rumor_merge
from rumors.services.rumors import DuplicateSubmission, rumor_submit
from rumors.services.votes import vote_cast
from rumors.tests.factories import (
    AcceptedEvidenceFactory,
    PersonFactory,
    RumorFactory,
    WorkFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_reads")]


@pytest.fixture
def pair():
    kim, park = PersonFactory(slug="kim-da-mi"), PersonFactory(slug="park-seo-joon")
    copy = RumorFactory(title="Kiss clip (re-post)", people=[kim], works=[WorkFactory()])
    first = RumorFactory(title="Kiss clip", people=[park])
    AcceptedEvidenceFactory(rumor=copy)
    vote_cast(moderator=ModeratorFactory(), rumor=copy, verdict="ai_generated", rationale="x")
    return copy, first


def test_links_evidence_people_and_works_move_and_votes_stay(pair):
    copy, first = pair
    links = set(copy.sources.values_list("pk", flat=True)) | set(
        first.sources.values_list("pk", flat=True)
    )
    moderator = ModeratorFactory()
    survivor = rumor_merge(moderator=moderator, rumor=copy, into=first)

    assert survivor == first
    copy.refresh_from_db()
    assert copy.status == Rumor.Status.MERGED and copy.merged_into == first
    assert set(first.sources.values_list("pk", flat=True)) == links
    assert not copy.sources.exists()
    assert Evidence.objects.get().rumor == first
    assert {p.slug for p in first.people.all()} == {"kim-da-mi", "park-seo-joon"}
    assert first.works.count() == 1
    assert VerdictVote.objects.get().rumor == copy, "votes stay in the merged rumor's history"
    merged = copy.events.get(kind=TimelineEvent.Kind.MERGED)
    assert merged.actor == moderator and merged.data == {"into": first.pk}
    assert first.events.get(kind=TimelineEvent.Kind.MERGED).data["from"] == copy.pk
    assert copy.events.filter(kind=TimelineEvent.Kind.WITHDRAWN).exists()


def test_followers_move_to_the_survivor_once(pair):
    copy, first = pair
    only_copy, both, only_first = UserFactory(), UserFactory(), UserFactory()
    for member, rumors in [(only_copy, [copy]), (both, [copy, first]), (only_first, [first])]:
        for rumor in rumors:
            follow_add(member=member, target=rumor)
    rumor_merge(moderator=ModeratorFactory(), rumor=copy, into=first)
    assert not Follow.objects.filter(rumor=copy).exists()
    followers = Follow.objects.filter(rumor=first).values_list("member_id", flat=True)
    assert sorted(followers) == sorted([only_copy.pk, both.pk, only_first.pk])


def test_the_merged_rumors_page_sends_everyone_to_the_survivor(pair, client):
    copy, first = pair
    rumor_merge(moderator=ModeratorFactory(), rumor=copy, into=first)
    for reader in (None, ModeratorFactory()):
        if reader:
            client.force_login(reader)
        for path in (
            f"/en/rumors/{copy.pk}/",
            copy.get_absolute_url(),
            f"/en/rumors/{copy.pk}/timeline/",
        ):
            response = client.get(path)
            assert response.status_code == 301 and response["Location"] == first.get_absolute_url()


def test_the_api_detail_answers_200_with_merged_into_and_writes_409(pair):
    copy, first = pair
    rumor_merge(moderator=ModeratorFactory(), rumor=copy, into=first)
    api = APIClient()
    body = api.get(f"/api/v1/rumors/{copy.pk}/").json()
    assert body["status"] == "merged" and body["merged_into"] == first.pk
    assert body["url"].endswith(f"/api/v1/rumors/{first.pk}/")
    api.force_authenticate(ModeratorFactory())
    again = api.post(f"/api/v1/rumors/{copy.pk}/merge/", {"into": first.pk}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "merged"


def test_a_merged_rumor_leaves_the_lists_and_its_link_meets_the_survivor(pair):
    copy, first = pair
    link = copy.sources.get().url
    rumor_merge(moderator=ModeratorFactory(), rumor=copy, into=first)
    listed = [r["id"] for r in APIClient().get("/api/v1/rumors/").json()["results"]]
    assert listed == [first.pk]
    with pytest.raises(DuplicateSubmission) as duplicate:
        rumor_submit(user=UserFactory(), url=link, title="Again", claim="Again.")
    assert duplicate.value.rumor == first


def test_merges_flatten_so_one_redirect_is_enough(pair):
    copy, first = pair
    third = RumorFactory()
    moderator = ModeratorFactory()
    rumor_merge(moderator=moderator, rumor=copy, into=first)
    rumor_merge(moderator=moderator, rumor=first, into=third)
    copy.refresh_from_db()
    assert copy.merged_into == third


def test_bad_merges_are_refused(pair):
    copy, first = pair
    moderator = ModeratorFactory()
    with pytest.raises(PermissionDenied):
        rumor_merge(moderator=UserFactory(), rumor=copy, into=first)
    with pytest.raises(ValidationError) as itself:
        rumor_merge(moderator=moderator, rumor=copy, into=copy)
    assert "into" in itself.value.message_dict
    rejected = RumorFactory(status=Rumor.Status.REJECTED)
    with pytest.raises(ValidationError):
        rumor_merge(moderator=moderator, rumor=copy, into=rejected)
    rumor_merge(moderator=moderator, rumor=copy, into=first)
    with pytest.raises(AlreadyMerged):
        rumor_merge(moderator=moderator, rumor=copy, into=first)
    with pytest.raises(ValidationError):
        rumor_merge(moderator=moderator, rumor=RumorFactory(), into=copy)


def test_the_api_merges_for_moderators_only(pair):
    copy, first = pair
    api = APIClient()
    url = f"/api/v1/rumors/{copy.pk}/merge/"
    assert api.post(url, {"into": first.pk}, format="json").status_code == 401
    api.force_authenticate(UserFactory())
    assert api.post(url, {"into": first.pk}, format="json").status_code == 403
    api.force_authenticate(ModeratorFactory())
    assert api.post(url, {"into": 999999}, format="json").status_code == 400
    assert api.post(url, {}, format="json").status_code == 400
    assert (
        api.post("/api/v1/rumors/999999/merge/", {"into": first.pk}, format="json").status_code
        == 404
    )
    response = api.post(url, {"into": first.pk}, format="json")
    assert response.status_code == 200 and response.json()["id"] == first.pk


def test_a_moderator_merges_from_the_rumor_page(pair, client):
    copy, first = pair
    client.force_login(UserFactory())
    assert client.post(f"/en/rumors/{copy.pk}/merge/", {"into": first.pk}).status_code == 403
    client.force_login(ModeratorFactory())
    page = client.get(copy.get_absolute_url()).content.decode()
    assert f'action="/en/rumors/{copy.pk}/merge/"' in page
    response = client.post(f"/en/rumors/{copy.pk}/merge/", {"into": first.pk})
    assert response.status_code == 302 and response["Location"] == first.get_absolute_url()
    bad = client.post(f"/en/rumors/{first.pk}/merge/", {"into": 999999})
    assert bad.status_code == 400 and "No such rumor." in bad.content.decode()


def test_a_merged_rumor_is_in_nobodys_lists_moderators_and_its_submitter_included(pair, client):
    copy, first = pair
    rumor_merge(moderator=ModeratorFactory(), rumor=copy, into=first)
    for reader in (ModeratorFactory(), copy.submitted_by):
        api = APIClient()
        api.force_authenticate(reader)
        listed = [r["id"] for r in api.get("/api/v1/rumors/").json()["results"]]
        assert copy.pk not in listed and first.pk in listed
        assert not Rumor.objects.visible_to(reader).filter(pk=copy.pk).exists()
        client.force_login(reader)
        found = client.get("/en/search/", {"q": "re-post"}).content.decode()
        assert f"/en/rumors/{copy.pk}/" not in found
