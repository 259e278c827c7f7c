"""Tried as a moderator would, through the pages: register the official 2020 footage on
/moderation/references/, then a member submits a new deepfake built on its frame; the
rumor's page shows the moderator the suggested original footage with the bits, and the
moderator accepts it; readers then see it as evidence."""

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence, Reference, Rumor
from rumors.services.sources import source_fetch
from rumors.tests.test_reference_suggestions import deepfake_clip, official_clip

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_HELD_ROOT = tmp_path / "held"
    return settings.MEDIA_ROOT


def test_register_the_footage_then_a_new_deepfake_gets_the_suggestion(
    site, media_root, client, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            "/en/moderation/references/",
            {"url": official_clip(site), "note": "Itaewon Class promotion, official channel"},
            follow=True,
        )
    assert "Reference added" in response.content.decode()
    reference = Reference.objects.get()
    source_fetch(source_id=reference.source_id)  # the worker's part
    html = client.get("/en/moderation/references/").content.decode()
    assert "In the library" in html and "3 frames hashed" in html

    member = UserFactory()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(
            "/en/submit/",
            {
                "url": deepfake_clip(site),
                "title": "Park Seo-joon and Kim Da-mi kiss off-screen",
                "claim": "Leaked from the set.",
            },
        )
    rumor = Rumor.objects.get()
    source_fetch(source_id=rumor.sources.get().pk)

    client.force_login(moderator)
    page = client.get(rumor.get_absolute_url(), follow=True).content.decode()
    suggestion = Evidence.objects.get(rumor=rumor)
    assert "suggested by Jinjja" in page and "Itaewon Class promotion 2020" in page
    assert f"{suggestion.match_bits} bits away" in page
    client.post(f"/en/rumors/{rumor.pk}/evidence/{suggestion.pk}/accept/")

    client.force_login(member)
    page = client.get(rumor.get_absolute_url(), follow=True).content.decode()
    assert "suggested by Jinjja" in page and "Original footage" in page
