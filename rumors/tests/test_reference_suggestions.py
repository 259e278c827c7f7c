"""Reference footage finds the rumors built on it, as a moderator would try it: register the
official clip (its thumbnail and YouTube's numbered preview frames are hashed), then a new
deepfake's rumor gets the suggestion "original footage" from the site itself, with the
reference and the distance in bits; the other way round, a reference registered after the
rumor finds it too. Moderators accept or reject the suggestion like any proposal."""

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence, Reference, ReferenceSegment, TimelineEvent
from rumors.services.evidence import evidence_accept
from rumors.services.references import reference_register
from rumors.services.rumors import rumor_submit
from rumors.services.sources import source_fetch
from rumors.tests.images import face_swapped, fixture_image, jpeg_bytes, jpeg_copy

pytestmark = pytest.mark.django_db

PAGE = """<html><head><title>{title}</title>
<meta property="og:title" content="{title}"><meta property="og:image" content="{image}">
</head></html>"""
ORIGINAL = fixture_image("promo-still.jpg")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_HELD_ROOT = tmp_path / "held"
    return settings.MEDIA_ROOT


def official_clip(site) -> str:
    """An official channel's video page: its cover and three frames taken through the clip."""
    site.add("/vi/itaewon2020/hqdefault.jpg", jpeg_bytes(ORIGINAL), content_type="image/jpeg")
    for n, picture in enumerate(["short-cover.webp", "channel-avatar.png"], start=1):
        site.add(
            f"/vi/itaewon2020/hq{n}.jpg",
            jpeg_bytes(fixture_image(picture)),
            content_type="image/jpeg",
        )
    # hq3 is missing: a frame that cannot be fetched is left out.
    image = site.url("/vi/itaewon2020/hqdefault.jpg")
    return site.add(
        "/watch-itaewon", PAGE.format(title="Itaewon Class promotion 2020", image=image)
    )


def deepfake_clip(site, path="/viral") -> str:
    fake = jpeg_copy(face_swapped(ORIGINAL, box=(700, 100, 840, 270)), scale=0.5)
    site.add(f"{path}.jpg", jpeg_bytes(fake, quality=40), content_type="image/jpeg")
    return site.add(path, PAGE.format(title="Off-screen kiss", image=site.url(f"{path}.jpg")))


def register(site, moderator, django_capture_on_commit_callbacks) -> Reference:
    with django_capture_on_commit_callbacks(execute=False):
        reference = reference_register(
            user=moderator, url=official_clip(site), note="Official channel, 2020."
        )
    source_fetch(source_id=reference.source_id)  # queued after commit; run as a worker would
    reference.refresh_from_db()
    return reference


def submit(site, url: str):
    rumor = rumor_submit(
        user=UserFactory(),
        url=url,
        title="Park Seo-joon and Kim Da-mi kiss off-screen",
        claim="Leaked from the set.",
        people=[],
        works=[],
    )
    source_fetch(source_id=rumor.sources.get().pk)
    return rumor


def test_a_registered_clip_is_hashed_on_its_thumbnail_and_preview_frames(
    site, media_root, django_capture_on_commit_callbacks
):
    reference = register(site, ModeratorFactory(), django_capture_on_commit_callbacks)
    assert reference.state == Reference.State.IN_LIBRARY
    assert sorted(reference.frames.values_list("label", flat=True)) == ["hq1", "hq2", "thumbnail"]
    assert ReferenceSegment.objects.count() == 3 * 16


def test_a_new_deepfake_s_rumor_gets_the_original_footage_suggested(
    site, media_root, django_capture_on_commit_callbacks, client
):
    moderator = ModeratorFactory()
    reference = register(site, moderator, django_capture_on_commit_callbacks)

    rumor = submit(site, deepfake_clip(site))

    suggestion = Evidence.objects.get(rumor=rumor)
    assert suggestion.kind == Evidence.Kind.ORIGINAL_FOOTAGE
    assert suggestion.status == Evidence.Status.PROPOSED and suggestion.submitted_by is None
    assert suggestion.reference == reference and suggestion.source == reference.source
    assert suggestion.matched_source == rumor.sources.get()
    assert suggestion.match_bits <= 24
    event = rumor.events.get(kind=TimelineEvent.Kind.EVIDENCE_PROPOSED)
    assert event.actor is None and event.data["reference"] == reference.pk

    accepted = evidence_accept(moderator=moderator, evidence=suggestion)
    assert accepted.status == Evidence.Status.ACCEPTED


def test_a_reference_registered_later_finds_the_open_rumor(
    site, media_root, django_capture_on_commit_callbacks
):
    rumor = submit(site, deepfake_clip(site))
    unrelated = submit(
        site,
        site.add(
            "/news",
            PAGE.format(
                title="News",
                image=site.add(
                    "/news.jpg",
                    jpeg_bytes(fixture_image("unrelated-news-photo.jpg")),
                    content_type="image/jpeg",
                ),
            ),
        ),
    )
    assert not Evidence.objects.exists()

    reference = register(site, ModeratorFactory(), django_capture_on_commit_callbacks)

    assert list(Evidence.objects.values_list("rumor", "reference")) == [(rumor.pk, reference.pk)]
    assert not unrelated.evidence.exists()


def test_an_unrelated_frame_of_the_same_drama_gets_no_suggestion(
    site, media_root, django_capture_on_commit_callbacks
):
    register(site, ModeratorFactory(), django_capture_on_commit_callbacks)
    crop = ORIGINAL.crop((0, 0, 896, 504)).resize(ORIGINAL.size)
    site.add("/other.jpg", jpeg_bytes(crop), content_type="image/jpeg")
    rumor = submit(
        site, site.add("/other", PAGE.format(title="Another scene", image=site.url("/other.jpg")))
    )
    assert not rumor.evidence.exists()


def test_a_suggestion_is_made_once_however_often_the_link_is_fetched(
    site, media_root, django_capture_on_commit_callbacks
):
    from rumors.services.references import reference_suggest_for_source

    register(site, ModeratorFactory(), django_capture_on_commit_callbacks)
    rumor = submit(site, deepfake_clip(site))
    assert reference_suggest_for_source(source=rumor.sources.get()) == []
    assert rumor.evidence.count() == 1


def test_the_suggestion_is_seen_by_moderators_only_until_accepted(
    site, media_root, django_capture_on_commit_callbacks, client
):
    register(site, ModeratorFactory(), django_capture_on_commit_callbacks)
    submit(site, deepfake_clip(site))
    assert not Evidence.objects.visible_to(UserFactory()).exists()
    assert Evidence.objects.visible_to(ModeratorFactory()).count() == 1
