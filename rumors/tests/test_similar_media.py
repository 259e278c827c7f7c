"""Similar media on PDQ, two tiers: a re-encoded or resized copy of a picture is linked at once
(within MEDIA_MATCH_SAME_BITS) and shown on both rumors' pages with its distance in bits; a
likely match (within MEDIA_MATCH_LIKELY_BITS) is suggested to moderators only; unrelated
pictures, and a fake built on a real still, are not linked. Real picture files throughout."""

import re

import pytest

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import MediaLink, Rumor
from rumors.services.media_links import media_links_refresh
from rumors.services.sources import source_fetch
from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.tests.images import FIXTURES, brightened, reencoded

pytestmark = pytest.mark.django_db

PAGE = (
    '<html><head><meta property="og:title" content="{title}">'
    '<meta property="og:image" content="{image}"></head></html>'
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def fetched(site, name: str, picture: bytes, title: str) -> tuple[Rumor, object]:
    site.add(f"/{name}.jpg", picture, content_type="image/jpeg")
    site.add(f"/{name}", PAGE.format(title=title, image=f"/{name}.jpg"))
    rumor = RumorFactory(title=title, with_source=SourceFactory(url=site.url(f"/{name}")))
    source = rumor.sources.get()
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    return rumor, source


def still(name: str = "promo-still.jpg") -> bytes:
    return (FIXTURES / name).read_bytes()


def link_of(one, other) -> MediaLink | None:
    a, b = sorted((one.pk, other.pk))
    return MediaLink.objects.filter(source_a_id=a, source_b_id=b).first()


def test_reencoded_and_resized_copies_are_linked_automatically(site):
    _, promo = fetched(site, "promo", still(), "Itaewon Class promo")
    _, half = fetched(site, "half", reencoded("promo-still.jpg", scale=0.5), "Re-upload, half size")
    _, tiny = fetched(
        site, "tiny", reencoded("promo-still.jpg", scale=0.25, fmt="WEBP"), "Re-upload, WebP"
    )
    for copy in (half, tiny):
        link = link_of(promo, copy)
        assert link.state == MediaLink.State.AUTO and link.distance <= 12, link.distance
    # The two copies are the same picture as each other, too.
    assert link_of(half, tiny).state == MediaLink.State.AUTO


def test_unrelated_pictures_and_a_fake_on_a_real_still_are_not_linked(site):
    _, promo = fetched(site, "promo", still(), "Itaewon Class promo")
    _, news = fetched(site, "news", still("unrelated-news-photo.jpg"), "Unrelated news")
    # The viral frame reuses the 2020 still, yet sits past Meta's 31 bits: related evidence,
    # for moderators to attach as original footage, not similar media.
    _, fake = fetched(site, "clip", still("viral-clip-frame.jpg"), "Viral kiss clip")
    assert MediaLink.objects.count() == 0
    assert (promo.pdq, news.pdq, fake.pdq) != ("", "", "")


def test_a_filtered_reupload_is_suggested_not_linked(site):
    _, promo = fetched(site, "promo", still(), "Itaewon Class promo")
    _, bright = fetched(site, "bright", brightened("promo-still.jpg"), "Brightened re-upload")
    link = link_of(promo, bright)
    assert link.state == MediaLink.State.SUGGESTED
    assert 12 < link.distance <= 31, link.distance


def test_the_tiers_come_from_the_settings(site, settings):
    settings.MEDIA_MATCH_SAME_BITS = 1
    _, promo = fetched(site, "promo", still(), "Itaewon Class promo")
    _, half = fetched(site, "half", reencoded("promo-still.jpg", scale=0.5), "Re-upload")
    assert link_of(promo, half).state == MediaLink.State.SUGGESTED
    settings.MEDIA_MATCH_LIKELY_BITS = 1
    media_links_refresh(source=half)
    assert link_of(promo, half) is None, "an undecided link that no longer matches goes"


def test_both_rumor_pages_show_the_link_with_its_distance(site, client):
    promo_rumor, promo = fetched(site, "promo", still(), "Itaewon Class promo")
    copy_rumor, copy = fetched(site, "copy", reencoded("promo-still.jpg"), "Re-upload")
    bits = link_of(promo, copy).distance
    for page_of, other in ((copy_rumor, promo_rumor), (promo_rumor, copy_rumor)):
        page = client.get(page_of.get_absolute_url()).content.decode()
        assert "Similar media" in page and other.get_absolute_url() in page
        assert re.search(rf"\b{bits} bits? apart", page)


def test_a_suggested_pair_is_shown_to_moderators_only(site, client):
    promo_rumor, _ = fetched(site, "promo", still(), "Itaewon Class promo")
    _, bright = fetched(site, "bright", brightened("promo-still.jpg"), "Brightened re-upload")
    assert "Similar media" not in client.get(promo_rumor.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    assert "Similar media" not in client.get(promo_rumor.get_absolute_url()).content.decode()
    client.force_login(ModeratorFactory())
    page = client.get(promo_rumor.get_absolute_url()).content.decode()
    assert "Similar media" in page and "Suggested to moderators" in page
    assert bright.display_title in page and 'value="confirm"' in page


def test_a_link_never_merges_rumors(site):
    first, _ = fetched(site, "promo", still(), "Itaewon Class promo")
    second, _ = fetched(site, "copy", reencoded("promo-still.jpg"), "Re-upload")
    assert MediaLink.objects.get().state == MediaLink.State.AUTO
    assert set(Rumor.objects.values_list("status", flat=True)) == {Rumor.Status.SUBMITTED}
    assert first.sources.count() == second.sources.count() == 1


def test_rumor_page_queries_stay_bounded_with_similar_media(
    site, client, django_assert_num_queries
):
    rumor, _ = fetched(site, "promo", still(), "Itaewon Class promo")
    for n in range(3):
        fetched(site, f"copy{n}", reencoded("promo-still.jpg", scale=0.5 + n / 10), f"Copy {n}")
    assert MediaLink.objects.count() == 6
    with django_assert_num_queries(10):
        assert client.get(rumor.get_absolute_url()).status_code == 200
