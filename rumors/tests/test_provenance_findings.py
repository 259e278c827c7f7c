"""Provenance findings on real files made in the test: a C2PA-signed camera picture (signed by
a test CA: valid, untrusted), a tampered copy of it (data hash mismatch), a picture whose XMP
carries IPTC trainedAlgorithmicMedia, and a plain one give four different findings; hostile,
huge or truncated metadata is "unreadable" and harmless."""

import io

from PIL import Image

from rumors.fetchers import provenance
from rumors.fetchers.provenance import read_provenance
from rumors.tests.provenance_files import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    iptc_ai_xmp,
    jpeg_with_xmp,
    plain_jpeg,
    png_with_xmp,
    signed_jpeg,
    tampered,
    xmp_packet,
)


def test_a_signed_camera_picture_is_captured_by_a_camera_signed_but_untrusted():
    finding = read_provenance(signed_jpeg())
    assert finding.kind == provenance.CAMERA_SIGNED
    assert finding.claim_generator == "Test Camera 1.0" and finding.signer == "Test camera"
    assert finding.digital_source_types == ("digitalCapture",)
    assert finding.signature_valid is True and finding.data_hash_match is True
    assert finding.signer_trusted is False, "no trust list: untrusted is the honest default"


def test_a_tampered_copy_is_edited_after_signing():
    finding = read_provenance(tampered(signed_jpeg()))
    assert finding.kind == provenance.EDITED_AFTER_SIGNING
    assert finding.signature_valid is True and finding.data_hash_match is False


def test_iptc_trained_algorithmic_media_in_xmp_is_ai_generated():
    finding = read_provenance(jpeg_with_xmp(iptc_ai_xmp()))
    assert finding.kind == provenance.AI_GENERATED and finding.found_in == ("xmp",)
    assert finding.digital_source_types == ("trainedAlgorithmicMedia",)
    assert read_provenance(png_with_xmp(iptc_ai_xmp())).kind == provenance.AI_GENERATED


def test_a_plain_picture_says_nothing():
    finding = read_provenance(plain_jpeg())
    assert finding.kind == provenance.NONE and finding.found_in == ()


def test_the_four_files_give_four_findings():
    kinds = {
        read_provenance(data).kind
        for data in (
            signed_jpeg(),
            tampered(signed_jpeg()),
            jpeg_with_xmp(iptc_ai_xmp()),
            plain_jpeg(),
        )
    }
    assert len(kinds) == 4


def test_a_signed_generator_picture_is_ai_generated():
    data = signed_jpeg(source_type="trainedAlgorithmicMedia", generator="Adobe Firefly")
    finding = read_provenance(data)
    assert finding.kind == provenance.AI_GENERATED and finding.signature_valid is True


def test_exif_software_naming_a_generator_is_ai_generated():
    exif = Image.Exif()
    exif[0x0131] = "Midjourney v6"
    finding = read_provenance(plain_jpeg(exif=exif.tobytes()))
    assert finding.kind == provenance.AI_GENERATED and finding.software == "Midjourney v6"
    exif[0x0131] = "Adobe Lightroom 7.1"
    assert read_provenance(plain_jpeg(exif=exif.tobytes())).kind == provenance.NONE


def test_billion_laughs_and_external_entities_are_unreadable_and_harmless():
    for packet in (BILLION_LAUGHS, EXTERNAL_ENTITY):
        finding = read_provenance(jpeg_with_xmp(packet))
        assert finding.kind == provenance.UNREADABLE
        assert "root:" not in repr(finding) and "lol" not in repr(finding)
    # The same in a PNG's iTXt chunk.
    assert read_provenance(png_with_xmp(BILLION_LAUGHS.decode())).kind == provenance.UNREADABLE


def test_huge_or_broken_xmp_is_unreadable():
    huge = xmp_packet("<rdf:Description/>" * 40000)
    assert read_provenance(png_with_xmp(huge.decode())).problems == ("XMP: too large",)
    assert read_provenance(jpeg_with_xmp(b"<x:xmpmeta><unclosed>")).kind == provenance.UNREADABLE


def test_a_truncated_manifest_is_unreadable():
    data = signed_jpeg()
    for cut in (2000, 20000, len(data) // 2):
        assert read_provenance(data[:cut]).kind == provenance.UNREADABLE


def test_bytes_that_are_no_image_say_nothing():
    assert read_provenance(b"<html>not an image</html>").kind == provenance.NONE
    assert read_provenance(io.BytesIO(b"").getvalue()).kind == provenance.NONE
