"""A reference suggestion on the rumor page and in the API: moderators see it with the
reference, the distance in bits and both pictures side by side; the media rules still apply
(a sensitive rumor's or a debunked fake's picture is not shown beside it); once accepted,
everyone sees it, and the API's evidence carries `suggested_by_site` and `suggestion`."""

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence, Rumor
from rumors.services.evidence import evidence_accept
from rumors.tests.test_reference_suggestions import deepfake_clip, register, submit
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_HELD_ROOT = tmp_path / "held"
    return settings.MEDIA_ROOT


@pytest.fixture
def suggested(site, media_root, django_capture_on_commit_callbacks):
    moderator = ModeratorFactory()
    reference = register(site, moderator, django_capture_on_commit_callbacks)
    rumor = submit(site, deepfake_clip(site))
    return moderator, reference, rumor, Evidence.objects.get(rumor=rumor)


def test_moderators_see_the_suggestion_side_by_side(client, suggested):
    moderator, reference, rumor, evidence = suggested
    client.force_login(moderator)
    html = client.get(rumor.get_absolute_url(), follow=True).content.decode()
    assert "suggested by Jinjja" in html
    assert f"{evidence.match_bits} bits away from the reference footage" in html
    assert rumor.sources.get().thumbnail_small.url in html
    assert reference.source.thumbnail_small.url in html


def test_members_do_not_see_it_until_accepted(client, suggested):
    moderator, _reference, rumor, evidence = suggested
    client.force_login(UserFactory())
    assert (
        "suggested by Jinjja"
        not in client.get(rumor.get_absolute_url(), follow=True).content.decode()
    )
    evidence_accept(moderator=moderator, evidence=evidence)
    assert (
        "suggested by Jinjja" in client.get(rumor.get_absolute_url(), follow=True).content.decode()
    )


def test_a_sensitive_rumor_s_picture_is_not_shown_beside_it(client, suggested):
    moderator, reference, rumor, _evidence = suggested
    Rumor.objects.filter(pk=rumor.pk).update(is_sensitive=True)
    client.force_login(moderator)
    html = client.get(rumor.get_absolute_url(), follow=True).content.decode()
    suggestion = html[html.index('class="reference-suggestion"') :]
    suggestion = suggestion[: suggestion.index("</div>\n</div>")]
    assert rumor.sources.get().thumbnail_small.url not in suggestion
    assert reference.source.thumbnail_small.url in suggestion


def test_the_api_gives_the_suggestion_and_hides_a_debunked_fake_s_picture(suggested):
    moderator, reference, rumor, evidence = suggested
    evidence_accept(moderator=moderator, evidence=evidence)
    body = APIClient().get(f"/api/v1/rumors/{rumor.pk}/").json()
    item = body["evidence"][0]
    assert item["suggested_by_site"] is True and item["kind"] == "original_footage"
    suggestion = item["suggestion"]
    assert suggestion["reference"]["id"] == reference.pk
    assert suggestion["match_bits"] == evidence.match_bits
    assert suggestion["matched_picture_url"].endswith(rumor.sources.get().thumbnail_small.url)
    assert suggestion["reference_picture_url"].endswith(reference.source.thumbnail_small.url)

    Rumor.objects.filter(pk=rumor.pk).update(verdict=Verdict.AI_GENERATED)
    item = APIClient().get(f"/api/v1/rumors/{rumor.pk}/").json()["evidence"][0]
    assert item["suggestion"]["matched_picture_url"] is None
    assert item["suggestion"]["reference_picture_url"] is not None


def test_a_withheld_link_s_picture_is_not_shown_beside_it(client, suggested):
    from django.utils import timezone

    from rumors.models import Source

    moderator, reference, rumor, _evidence = suggested
    Source.objects.filter(pk=rumor.sources.get().pk).update(media_hidden_at=timezone.now())
    client.force_login(moderator)
    html = client.get(rumor.get_absolute_url(), follow=True).content.decode()
    assert rumor.sources.get().thumbnail_small.url not in html
    assert reference.source.thumbnail_small.url in html
