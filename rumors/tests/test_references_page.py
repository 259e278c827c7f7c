"""The reference library page (/moderation/references/) and `POST /api/v1/references/`: a
moderator adds a link or an image; members are refused, visitors sent to log in; bad input is
named; the page lists held references with the form that clears them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors import matching
from rumors.models import BankedHash, Reference, Source
from rumors.services.bank import bank_add
from rumors.tests.factories import PersonFactory, WorkFactory
from rumors.tests.images import fixture_image, jpeg_bytes

pytestmark = pytest.mark.django_db

PAGE = "/en/moderation/references/"
API = "/api/v1/references/"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_HELD_ROOT = tmp_path / "held"
    return settings.MEDIA_ROOT


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def still() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "still.jpg", jpeg_bytes(fixture_image("promo-still.jpg")), "image/jpeg"
    )


def test_a_moderator_adds_a_link_through_the_api(django_capture_on_commit_callbacks):
    person, work = PersonFactory(), WorkFactory()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = api(ModeratorFactory()).post(
            API,
            {
                "url": "https://www.youtube.com/watch?v=abcdefghijk",
                "people": [person.slug],
                "works": [work.slug],
                "note": "Official channel, 2020.",
            },
            format="json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "pending" and body["people"] == [person.slug]
    assert body["works"] == [work.slug] and body["note"] == "Official channel, 2020."
    reference = Reference.objects.get()
    assert reference.source.fetch_state == Source.State.PENDING and queued


def test_a_moderator_uploads_an_image_through_the_api(media_root):
    response = api(ModeratorFactory()).post(API, {"image": still()}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "in_library" and body["frames"][0]["label"] == "upload"
    assert len(body["frames"][0]["pdq"]) == 64


def test_members_are_refused_and_visitors_must_log_in():
    assert api(UserFactory()).post(API, {"url": "https://example.com/a"}).status_code == 403
    assert api().post(API, {"url": "https://example.com/a"}).status_code in (401, 403)
    assert not Reference.objects.exists()


def test_bad_input_is_named():
    moderator = ModeratorFactory()
    response = api(moderator).post(API, {}, format="json")
    assert response.status_code == 400 and "url" in response.json()
    response = api(moderator).post(API, {"url": "https://e.com/a", "people": ["nobody"]})
    assert response.status_code == 400 and "people" in response.json()


def test_the_page_adds_a_reference_and_lists_it(client, media_root):
    client.force_login(ModeratorFactory())
    response = client.post(PAGE, {"image": still(), "note": "Press kit"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Press kit" in html and "In the library" in html
    assert Reference.objects.get().state == Reference.State.IN_LIBRARY


def test_the_page_is_for_moderators(client):
    assert client.get(PAGE).status_code == 302
    client.force_login(UserFactory())
    assert client.get(PAGE).status_code == 403


def test_a_held_upload_is_cleared_from_the_page(client, media_root):
    bank_add(
        media_hash=matching.hash_image(fixture_image("promo-still.jpg")),
        origin=BankedHash.Origin.IMPORT,
    )
    client.force_login(ModeratorFactory())
    html = client.post(PAGE, {"image": still()}, follow=True).content.decode()
    reference = Reference.objects.get()
    assert reference.state == Reference.State.HELD and "never-host bank entry" in html
    assert "/media/references/" not in html
    client.post(f"{PAGE}{reference.pk}/clear/", {"reason": "The official press kit."})
    reference.refresh_from_db()
    assert reference.state == Reference.State.IN_LIBRARY


def test_the_page_reads_a_bounded_number_of_queries(
    client, media_root, django_assert_max_num_queries
):
    moderator = ModeratorFactory()
    for _ in range(3):
        Reference.objects.create(url="https://example.com/a", added_by=moderator)
    client.force_login(moderator)
    with django_assert_max_num_queries(12):
        assert client.get(PAGE).status_code == 200
