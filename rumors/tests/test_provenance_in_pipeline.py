"""Provenance read where pictures come in, before they are re-encoded: a fetched link's
picture that says it was generated records the finding on the source and becomes a suggested
evidence item for moderators; an uploaded, signed camera picture records "captured by a camera,
signed" on the evidence as context; the stored files carry no metadata; hostile XMP changes
nothing else; the page and the API show the findings with "a missing credential proves
nothing"."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence
from rumors.tests.provenance_files import (
    BILLION_LAUGHS,
    iptc_ai_xmp,
    jpeg_with_xmp,
    plain_jpeg,
    signed_jpeg,
)
from rumors.tests.test_reference_suggestions import PAGE, submit

pytestmark = pytest.mark.django_db

MISSING = "A missing credential proves nothing"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_HELD_ROOT = tmp_path / "held"
    return settings.MEDIA_ROOT


def link_with_picture(site, path: str, picture: bytes) -> str:
    site.add(f"{path}.jpg", picture, content_type="image/jpeg")
    return site.add(path, PAGE.format(title="Clip", image=site.url(f"{path}.jpg")))


def stored_bytes(root: Path) -> list[bytes]:
    return [path.read_bytes() for path in Path(root).rglob("*") if path.is_file()]


def test_a_generated_picture_is_recorded_and_suggested_to_moderators(site, media_root, client):
    rumor = submit(site, link_with_picture(site, "/ai", jpeg_with_xmp(iptc_ai_xmp())))
    source = rumor.sources.get()
    assert source.provenance["kind"] == "ai_generated" and source.thumbnail

    suggestion = Evidence.objects.get(rumor=rumor)
    assert suggestion.suggestion == Evidence.Suggestion.PROVENANCE
    assert suggestion.status == Evidence.Status.PROPOSED and suggestion.submitted_by is None
    assert suggestion.kind == Evidence.Kind.FORENSIC_ANALYSIS
    assert suggestion.matched_source == source

    for data in stored_bytes(media_root):
        assert b"trainedAlgorithmicMedia" not in data and b"xmpmeta" not in data

    client.force_login(ModeratorFactory())
    html = client.get(rumor.get_absolute_url(), follow=True).content.decode()
    assert "AI-generated, by its own metadata" in html and MISSING in html
    assert "suggested by Jinjja" in html
    body = APIClient().get(f"/api/v1/rumors/{rumor.pk}/").json()
    assert body["sources"][0]["provenance"]["kind"] == "ai_generated"


def test_a_plain_picture_shows_no_finding_and_suggests_nothing(site, media_root, client):
    rumor = submit(site, link_with_picture(site, "/plain", plain_jpeg()))
    assert rumor.sources.get().provenance["kind"] == "none"
    assert not Evidence.objects.exists()
    html = client.get(rumor.get_absolute_url(), follow=True).content.decode()
    assert MISSING not in html
    assert APIClient().get(f"/api/v1/rumors/{rumor.pk}/").json()["sources"][0]["provenance"] is None


def test_hostile_xmp_changes_nothing_else(site, media_root):
    rumor = submit(site, link_with_picture(site, "/lol", jpeg_with_xmp(BILLION_LAUGHS)))
    source = rumor.sources.get()
    assert source.fetch_state == "fetched" and source.thumbnail
    assert source.provenance["kind"] == "unreadable"
    assert not Evidence.objects.exists()


def test_a_signed_camera_upload_records_context_and_is_stored_without_metadata(
    site, media_root, client
):
    rumor = submit(site, link_with_picture(site, "/plain", plain_jpeg()))
    member = UserFactory()
    client.force_login(member)
    upload = SimpleUploadedFile("photo.jpg", signed_jpeg(), "image/jpeg")
    data = {"kind": "original_footage", "stance": "refutes", "image": upload, "note": "Press"}
    assert client.post(f"/en/rumors/{rumor.pk}/evidence/", data).status_code == 302

    evidence = Evidence.objects.get()
    assert evidence.provenance["kind"] == "camera_signed"
    assert evidence.provenance["signer_trusted"] is False
    stored = Path(evidence.image.path).read_bytes()
    assert b"c2pa" not in stored and b"jumb" not in stored
    html = client.get(rumor.get_absolute_url(), follow=True).content.decode()
    assert "Captured by a camera, signed" in html and "signer untrusted" in html
    assert MISSING in html
