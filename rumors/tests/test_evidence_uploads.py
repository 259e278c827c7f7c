"""Uploaded evidence images: hostile files end as a clear form error, good ones are re-encoded
from their pixels with their metadata stripped."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Evidence
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "images"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(data: bytes, name="still.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def image_bytes(fmt="PNG", size=(64, 48), **save_options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 80)).save(out, fmt, **save_options)
    return out.getvalue()


def post(client, rumor, file, note="Side by side with the 2020 promo."):
    data = {"kind": "comparison", "stance": "refutes", "note": note, "image": file}
    return client.post(f"/en/rumors/{rumor.pk}/evidence/", data)


@pytest.fixture
def moderator_client(client):
    client.force_login(ModeratorFactory())
    return client


def assert_refused(response, message="not an image we accept"):
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "Side by side with the 2020 promo." in body  # what was typed is kept
    assert not Evidence.objects.exists()


def test_svg_renamed_png_is_refused(moderator_client):
    svg = (FIXTURES / "logo.svg").read_bytes()
    assert_refused(post(moderator_client, RumorFactory(), upload(svg)))


def test_text_file_declared_as_jpeg_is_refused(moderator_client):
    assert_refused(post(moderator_client, RumorFactory(), upload(b"hello", "x.jpg", "image/jpeg")))


def test_decompression_bomb_is_refused_before_decoding(moderator_client):
    bomb = (FIXTURES / "bomb.png").read_bytes()
    assert_refused(post(moderator_client, RumorFactory(), upload(bomb)), "The image is too big")


def test_huge_canvas_is_refused_from_the_header(moderator_client, settings):
    settings.EVIDENCE_MAX_IMAGE_PIXELS = 1000
    assert_refused(
        post(moderator_client, RumorFactory(), upload(image_bytes(size=(100, 100)))),
        "The image is too big",
    )


def test_oversized_text_chunk_is_refused(moderator_client):
    info = PngImagePlugin.PngInfo()
    info.add_text("comment", "A" * (PngImagePlugin.MAX_TEXT_CHUNK + 10), zip=True)
    assert_refused(post(moderator_client, RumorFactory(), upload(image_bytes(pnginfo=info))))


def test_truncated_image_is_refused(moderator_client):
    truncated = (FIXTURES / "truncated.jpg").read_bytes()
    assert_refused(post(moderator_client, RumorFactory(), upload(truncated, "t.jpg")))


def test_too_many_bytes_are_refused(moderator_client, settings):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 100
    assert_refused(
        post(moderator_client, RumorFactory(), upload(image_bytes())), "The image is too large"
    )


def test_appended_payload_and_exif_gps_do_not_survive(moderator_client):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (37.0, 32.0, 1.0), 3: "E", 4: (126.0, 59.0, 30.0)}  # GPS IFD
    exif[0x010E] = "private description"
    jpeg = image_bytes("JPEG", exif=exif.tobytes()) + b"PK\x03\x04<script>alert(1)</script>"
    response = post(moderator_client, RumorFactory(), upload(jpeg, "IMG_0001.JPG", "image/jpeg"))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    stored = Path(evidence.image.path).read_bytes()
    assert b"<script>" not in stored and b"PK\x03\x04" not in stored
    with Image.open(evidence.image.path) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        assert not image.getexif()
        assert "exif" not in image.info
    assert "IMG_0001" not in evidence.image.name  # stored under a random name


def test_gif_is_kept_as_a_png_still(moderator_client):
    gif = (FIXTURES / "reaction.gif").read_bytes()
    response = post(moderator_client, RumorFactory(), upload(gif, "r.gif", "image/gif"))
    assert response.status_code == 302
    assert Evidence.objects.get().image.name.endswith(".png")


def test_member_upload_is_checked_the_same_way(client):
    client.force_login(UserFactory())
    svg = (FIXTURES / "logo.svg").read_bytes()
    assert_refused(post(client, RumorFactory(), upload(svg, "logo.webp", "image/webp")))
