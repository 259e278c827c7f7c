"""Real image files carrying provenance, made in the test: JPEGs signed with C2PA by a test
certificate authority made with `cryptography` (offline: no timestamp server), a tampered copy,
and pictures with XMP packets, friendly or hostile."""

import datetime
import io

import c2pa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import PngImagePlugin

from rumors.tests.images import fixture_image

IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Jinjja tests"),
        ]
    )


def _usage(*, sign_certs: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not sign_certs,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=sign_certs,
        crl_sign=sign_certs,
        encipher_only=False,
        decipher_only=False,
    )


def make_signer() -> c2pa.Signer:
    """An ES256 signer whose certificate a fresh test root issued (emailProtection usage, as
    C2PA requires of a signing credential)."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())

    def certificate(subject, issuer, public_key, signing_key, *, ca: bool):
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(_usage(sign_certs=ca), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        )
        if not ca:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            ).add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                critical=False,
            )
        return builder.sign(signing_key, hashes.SHA256())

    root = certificate(_name("Test root"), _name("Test root"), ca_key.public_key(), ca_key, ca=True)
    leaf = certificate(_name("Test camera"), root.subject, key.public_key(), ca_key, ca=False)
    chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (leaf, root))
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return c2pa.Signer.from_info(
        c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, chain, private, None)
    )


def plain_jpeg(name: str = "promo-still.jpg", **save) -> bytes:
    out = io.BytesIO()
    fixture_image(name).resize((640, 360)).save(out, "JPEG", quality=85, **save)
    return out.getvalue()


def signed_jpeg(*, source_type: str = "digitalCapture", generator: str = "Test Camera") -> bytes:
    manifest = {
        "claim_generator_info": [{"name": generator, "version": "1.0"}],
        "title": "still.jpg",
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {
                    "actions": [{"action": "c2pa.created", "digitalSourceType": IPTC + source_type}]
                },
            }
        ],
    }
    out = io.BytesIO()
    with c2pa.Builder(manifest) as builder:
        builder.sign(make_signer(), "image/jpeg", io.BytesIO(plain_jpeg()), out)
    return out.getvalue()


def tampered(data: bytes) -> bytes:
    """One byte of the pixels changed after signing."""
    changed = bytearray(data)
    changed[-200] ^= 0xFF
    return bytes(changed)


def xmp_packet(inner: str) -> bytes:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f"{inner}</rdf:RDF></x:xmpmeta>"
    ).encode()


def iptc_ai_xmp() -> bytes:
    return xmp_packet(
        '<rdf:Description xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
        f'Iptc4xmpExt:DigitalSourceType="{IPTC}trainedAlgorithmicMedia"/>'
    )


BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<x:xmpmeta xmlns:x="adobe:ns:meta/">&lol9;</x:xmpmeta>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<x:xmpmeta xmlns:x="adobe:ns:meta/">&secret;</x:xmpmeta>"""


def jpeg_with_xmp(packet: bytes) -> bytes:
    return plain_jpeg(xmp=packet)


def png_with_xmp(packet) -> bytes:
    """A PNG carrying the packet in an iTXt chunk (JPEG segments stop at 64 KiB; PNG's do not)."""
    info = PngImagePlugin.PngInfo()
    text = packet.decode("utf-8") if isinstance(packet, bytes) else packet
    info.add_itxt("XML:com.adobe.xmp", text)
    out = io.BytesIO()
    fixture_image("promo-still.jpg").resize((320, 180)).save(out, "PNG", pnginfo=info)
    return out.getvalue()
