"""PDQ media matching on real picture files: the same picture re-encoded or resized is within
MEDIA_MATCH_SAME_BITS, a fake built on a real still is related but not a likely match,
unrelated photos are far apart, and a poor hash never matches anything."""

import io

import pytest
from PIL import Image

from rumors import matching
from rumors.tests.images import brightened, fixture_image, flat_png, reencoded


def hash_of(data: bytes) -> matching.MediaHash:
    with Image.open(io.BytesIO(data)) as image:
        return matching.hash_image(image)


def fixture_hash(name: str) -> matching.MediaHash:
    return matching.hash_image(fixture_image(name))


def test_a_hash_is_256_bits_with_a_quality():
    media_hash = fixture_hash("promo-still.jpg")
    assert len(media_hash.pdq) == 64 and int(media_hash.pdq, 16) >= 0
    assert media_hash.quality >= matching.MIN_QUALITY


@pytest.mark.parametrize(
    ("scale", "fmt"), [(1.0, "JPEG"), (0.5, "JPEG"), (0.25, "WEBP"), (0.75, "PNG")]
)
def test_a_reencoded_resized_copy_is_the_same_picture(scale, fmt):
    original = fixture_hash("promo-still.jpg")
    copy = hash_of(reencoded("promo-still.jpg", scale=scale, fmt=fmt))
    assert matching.distance(original.pdq, copy.pdq) <= matching.same_bits()
    assert matching.is_same(original, copy) and matching.is_likely(original, copy)


def test_a_fake_built_on_a_real_still_is_related_but_not_a_likely_match():
    # The viral frame reuses the 2020 promotion still: near, yet past Meta's 31 bits.
    bits = matching.distance(
        fixture_hash("promo-still.jpg").pdq, fixture_hash("viral-clip-frame.jpg").pdq
    )
    assert matching.likely_bits() < bits < 64


def test_unrelated_photos_are_far_apart():
    names = ["promo-still.jpg", "unrelated-news-photo.jpg", "short-cover.webp"]
    hashes = [fixture_hash(name) for name in names]
    for i, a in enumerate(hashes):
        for b in hashes[i + 1 :]:
            assert matching.distance(a.pdq, b.pdq) > 100
            assert not matching.is_likely(a, b)


def test_a_flat_picture_is_too_poor_to_match_even_itself():
    flat = hash_of(flat_png())
    assert flat.quality < matching.MIN_QUALITY and not flat.usable
    assert not matching.is_same(flat, flat)


def test_the_thresholds_are_read_from_the_settings_when_asked(settings):
    original = fixture_hash("promo-still.jpg")
    copy = hash_of(reencoded("promo-still.jpg", scale=0.25, fmt="WEBP"))
    bits = matching.distance(original.pdq, copy.pdq)
    assert bits > 0
    settings.MEDIA_MATCH_SAME_BITS = bits - 1
    assert not matching.is_same(original, copy)
    assert matching.is_likely(original, copy)


@pytest.mark.parametrize("pdq", ["", "g" * 64, "A" * 64, "0" * 63])
def test_a_malformed_hash_is_refused(pdq):
    with pytest.raises(ValueError, match="64 lowercase"):
        matching.MediaHash(pdq=pdq, quality=90)


def test_matching_many_hashes_gives_what_matching_each_gives():
    original = fixture_hash("promo-still.jpg")
    rows = {
        "copy": hash_of(reencoded("promo-still.jpg", scale=0.5)),
        "bright": hash_of(brightened("promo-still.jpg")),
        "fake": fixture_hash("viral-clip-frame.jpg"),
        "news": fixture_hash("unrelated-news-photo.jpg"),
        "flat": hash_of(flat_png()),
    }
    found = matching.match_many(original, [(k, h.pdq, h.quality) for k, h in rows.items()])
    assert found == {
        key: matching.match_tier(original, value)
        for key, value in rows.items()
        if matching.match_tier(original, value)
    }
    assert found["copy"][0] == matching.SAME and found["bright"][0] == matching.LIKELY
    assert set(found) == {"copy", "bright"}
