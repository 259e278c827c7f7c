"""What the reference library's matcher catches and misses, on real picture files: a frame with
a face-sized region replaced (a face swap), then resized and re-encoded, still meets its
original; other frames of the same scene, the viral fake built on the still, mirrors and
crops do not. The distances asserted here are the ones README quotes."""

import pytest
from PIL import Image

from rumors import matching
from rumors.tests.images import face_swapped, fixture_image, jpeg_copy


def pdq(image: Image.Image) -> str:
    return matching.hash_image(image).pdq


ORIGINAL = fixture_image("promo-still.jpg")


@pytest.mark.parametrize(("box", "most"), [((700, 100, 840, 270), 24), ((550, 100, 690, 270), 10)])
def test_a_face_swapped_resized_reencoded_copy_meets_its_original(box, most):
    copy = jpeg_copy(face_swapped(ORIGINAL, box=box), scale=0.5, quality=40)
    bits = matching.distance(pdq(ORIGINAL), pdq(copy))
    assert bits <= most <= matching.likely_bits()


def test_other_frames_of_the_same_scene_do_not_meet():
    width, height = ORIGINAL.size
    frames = [
        ORIGINAL.crop((0, 0, int(width * 0.7), int(height * 0.7))).resize(ORIGINAL.size),
        ORIGINAL.crop((int(width * 0.15), 0, int(width * 0.85), height)).resize(ORIGINAL.size),
    ]
    for frame in frames:
        assert matching.distance(pdq(ORIGINAL), pdq(frame)) > 100


def test_the_fake_built_on_the_still_is_related_but_not_a_likely_match():
    bits = matching.distance(pdq(ORIGINAL), pdq(fixture_image("viral-clip-frame.jpg")))
    assert matching.likely_bits() < bits <= 40


def test_a_mirrored_copy_is_missed_unless_the_dihedral_hashes_were_kept():
    mirrored = ORIGINAL.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    assert matching.distance(pdq(ORIGINAL), pdq(mirrored)) > 100


def test_a_swap_over_the_frame_s_structure_can_be_missed():
    # The same size of region over a high-contrast part of the frame moves the hash 60 bits:
    # PDQ sees the whole frame's structure, so a matcher on pictures alone misses some fakes.
    copy = jpeg_copy(face_swapped(ORIGINAL, box=(550, 300, 690, 470)), scale=0.5, quality=40)
    assert matching.distance(pdq(ORIGINAL), pdq(copy)) > matching.likely_bits()
