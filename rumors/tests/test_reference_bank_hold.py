"""A reference whose picture matches the never-host bank is not blocked silently: it is held
for a moderator (a link's picture through the bank's own report, an upload out of reach of
/media/), who may clear it; cleared, it joins the library and finds its copies."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import ModeratorFactory
from rumors import matching
from rumors.models import BankedHash, Evidence, MatchExemption, Reference, Report
from rumors.services.bank import bank_add
from rumors.services.references import reference_clear, reference_register
from rumors.services.sources import source_fetch, source_recheck
from rumors.tests.images import fixture_image, jpeg_bytes
from rumors.tests.test_reference_suggestions import PAGE, deepfake_clip, submit

pytestmark = pytest.mark.django_db

ORIGINAL = fixture_image("promo-still.jpg")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_HELD_ROOT = tmp_path / "held"
    return settings.MEDIA_ROOT


@pytest.fixture
def banked_original():
    return bank_add(media_hash=matching.hash_image(ORIGINAL), origin=BankedHash.Origin.IMPORT)


def files(root: Path) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()]


def test_a_linked_reference_matching_the_bank_waits_for_a_moderator_who_clears_it(
    site, media_root, banked_original, django_capture_on_commit_callbacks
):
    rumor = submit(site, deepfake_clip(site))  # its picture is 24 bits from the banked one
    assert Report.objects.count() == 1
    site.add("/official.jpg", jpeg_bytes(ORIGINAL), content_type="image/jpeg")
    url = site.add("/official", PAGE.format(title="Official", image=site.url("/official.jpg")))
    moderator = ModeratorFactory()
    with django_capture_on_commit_callbacks(execute=False):
        reference = reference_register(user=moderator, url=url)
    source_fetch(source_id=reference.source_id)

    reference.refresh_from_db()
    assert reference.state == Reference.State.HELD and reference.bank_entry == banked_original
    assert not reference.frames.exists() and not reference.source.thumbnail
    report = Report.objects.get(source=reference.source)
    assert report.status == Report.Status.OPEN and report.bank_entry == banked_original

    with django_capture_on_commit_callbacks(execute=False):
        reference_clear(
            moderator=moderator, reference=reference, reason="The 2020 footage the fake used."
        )
    report.refresh_from_db()
    assert report.status == Report.Status.DISMISSED
    source_recheck(source_id=reference.source_id)  # queued by the dismissal

    reference.refresh_from_db()
    assert reference.state == Reference.State.IN_LIBRARY and reference.source.thumbnail
    assert rumor.evidence.get().reference == reference


def test_an_uploaded_reference_matching_the_bank_is_kept_out_of_reach_until_cleared(
    media_root, banked_original, settings
):
    moderator = ModeratorFactory()
    upload = SimpleUploadedFile("still.jpg", jpeg_bytes(ORIGINAL), "image/jpeg")
    reference = reference_register(user=moderator, image=upload, note="Press kit still")

    assert reference.state == Reference.State.HELD and reference.bank_bits <= 4
    assert files(media_root) == [] and len(files(settings.MEDIA_HELD_ROOT)) == 1

    reference_clear(moderator=moderator, reference=reference, reason="Official press kit.")
    reference.refresh_from_db()
    assert reference.state == Reference.State.IN_LIBRARY
    assert len(files(media_root)) == 1 and files(settings.MEDIA_HELD_ROOT) == []
    assert MatchExemption.objects.get().entry == banked_original


def test_an_uploaded_reference_finds_an_open_rumor(site, media_root):
    rumor = submit(site, deepfake_clip(site))
    upload = SimpleUploadedFile("still.jpg", jpeg_bytes(ORIGINAL), "image/jpeg")
    reference = reference_register(user=ModeratorFactory(), image=upload)
    assert reference.state == Reference.State.IN_LIBRARY
    assert Evidence.objects.get().rumor == rumor


def test_members_cannot_register_references(media_root):
    from django.core.exceptions import PermissionDenied

    from accounts.tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        reference_register(user=UserFactory(), url="https://example.com/clip")


def test_clearing_a_held_link_whose_report_was_decided_queues_its_indexing(
    media_root, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory()
    with django_capture_on_commit_callbacks(execute=False):
        reference = reference_register(user=moderator, url="https://example.com/official")
    Reference.objects.filter(pk=reference.pk).update(state=Reference.State.HELD)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        reference_clear(moderator=moderator, reference=reference, reason="Official footage.")
    reference.refresh_from_db()
    assert reference.state == Reference.State.PENDING and len(queued) == 1
