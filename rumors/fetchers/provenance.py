"""What a picture says about where it came from, read from its bytes before it is re-encoded
(the stored file keeps none of it). No network, no database.

- C2PA manifests (Content Credentials), read offline by c2pa-python: the claim generator, the
  `digitalSourceType` of its actions, whether the signature validates, whether the signer is
  trusted (no trust list is configured, so a valid signature is "untrusted" at best: the honest
  default) and whether the data hash matches (a mismatch: the pixels changed after signing).
  Remote manifests and OCSP are never fetched: the site's one network client is http.py.
- IPTC `DigitalSourceType` in XMP (`trainedAlgorithmicMedia`...), which many generators write,
  and EXIF/XMP `Software` naming a generator.

A finding that says "AI-generated" is evidence worth a moderator's look; one that says
"captured by a camera, signed" is context. A missing credential proves nothing: most platforms
strip metadata. Anything malformed, huge or hostile (XML with a DTD or entities, a truncated
manifest) gives the finding "unreadable" and never stops the fetch or the upload: XML is
parsed by lxml with entities unresolved, no network, no huge trees, and a document type
declaration is refused before parsing.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import asdict, dataclass, field

import c2pa
from lxml import etree
from PIL import Image, UnidentifiedImageError

# The kinds of finding, strongest first (models.MediaState.provenance_kind holds the code).
AI_GENERATED = "ai_generated"
EDITED_AFTER_SIGNING = "edited_after_signing"
CAMERA_SIGNED = "camera_signed"
SIGNED = "signed"
UNREADABLE = "unreadable"
NONE = "none"

IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"
# IPTC digital source types that mean a generator made the picture, or part of it.
AI_SOURCE_TYPES = frozenset(
    {
        "trainedAlgorithmicMedia",
        "compositeWithTrainedAlgorithmicMedia",
        "algorithmicMedia",
        "compositeSynthetic",
        "algorithmicallyEnhanced",
    }
)
CAPTURE_SOURCE_TYPES = frozenset({"digitalCapture", "computationalCapture"})
# Words in a Software field or a claim generator that name an image generator.
GENERATORS = re.compile(
    r"midjourney|dall[-·\s]?e|stable[\s-]?diffusion|firefly|imagen|gemini|chatgpt|openai|"
    r"leonardo\.ai|ideogram|flux|novelai|runway|sora|kling|deepfacelab|faceswap|reface",
    re.IGNORECASE,
)
# XMP larger than this is not parsed (a real packet is a few kilobytes).
MAX_XMP_BYTES = 512 * 1024
MAX_FIELD = 200
_C2PA_SETTINGS = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))
_XMP_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "load_dtd": False,
    "dtd_validation": False,
}


@dataclass(frozen=True)
class Finding:
    """What the picture's metadata says; `kind` sums it up."""

    kind: str = NONE
    claim_generator: str = ""
    digital_source_types: tuple[str, ...] = ()
    software: str = ""
    # C2PA only: None without a manifest.
    signature_valid: bool | None = None
    signer_trusted: bool | None = None
    signer: str = ""
    data_hash_match: bool | None = None
    # Where the finding comes from: "c2pa", "xmp", "exif"; what could not be read.
    found_in: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {key: list(v) if isinstance(v, tuple) else v for key, v in asdict(self).items()}


def _short(value) -> str:
    return str(value or "")[:MAX_FIELD]


def _source_type_name(value: str) -> str:
    return _short(value.rsplit("/", 1)[-1])


def _c2pa(data: bytes, mime: str) -> dict | None:
    """The C2PA part of a finding, or None without a manifest; raises ValueError if the
    manifest cannot be read."""
    try:
        context = c2pa.Context.from_dict(_C2PA_SETTINGS)
        reader = c2pa.Reader.try_create(mime, io.BytesIO(data), context=context)
    except c2pa.C2paError as exc:
        raise ValueError(f"C2PA: {type(exc).__name__}") from exc
    if reader is None:
        return None
    with reader:
        manifest = reader.get_active_manifest() or {}
        results = (reader.get_validation_results() or {}).get("activeManifest", {})
        state = reader.get_validation_state()
    codes = {kind: {entry.get("code") for entry in results.get(kind, [])} for kind in results}
    failures = codes.get("failure", set())
    generators = [
        " ".join(filter(None, [_short(g.get("name")), _short(g.get("version"))]))
        for g in manifest.get("claim_generator_info", []) or []
        if isinstance(g, dict)
    ]
    source_types = []
    for assertion in manifest.get("assertions", []) or []:
        if not str(assertion.get("label", "")).startswith("c2pa.actions"):
            continue
        for action in (assertion.get("data") or {}).get("actions", []) or []:
            if isinstance(action, dict) and action.get("digitalSourceType"):
                source_types.append(_source_type_name(str(action["digitalSourceType"])))
    signature = manifest.get("signature_info") or {}
    return {
        "claim_generator": _short(", ".join(generators) or manifest.get("claim_generator")),
        "digital_source_types": source_types,
        "signature_valid": "claimSignature.validated" in codes.get("success", set())
        and not any(str(code).startswith("claimSignature.") for code in failures),
        # No trust list is configured: "Trusted" only if one is, and it names the signer.
        "signer_trusted": state == "Trusted" and "signingCredential.untrusted" not in failures,
        "signer": _short(signature.get("common_name") or signature.get("issuer")),
        "data_hash_match": "assertion.dataHash.mismatch" not in failures
        and "assertion.bmffHash.mismatch" not in failures,
    }


def _xmp_values(packet: bytes) -> tuple[list[str], str]:
    """(IPTC digital source types, Software) from an XMP packet; raises ValueError if it is
    too large, declares a DTD or entities, or is not well-formed."""
    if len(packet) > MAX_XMP_BYTES:
        raise ValueError("XMP: too large")
    if re.search(rb"<!(DOCTYPE|ENTITY)", packet, re.IGNORECASE):
        raise ValueError("XMP: document type declarations are not read")
    try:
        root = etree.fromstring(
            packet.strip(b"\x00 \n\r\t"), etree.XMLParser(**_XMP_PARSER_OPTIONS)
        )
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ValueError("XMP: not well-formed") from exc
    source_types, software = [], ""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        values = [element.text or ""] + [v for k, v in element.attrib.items() if k]
        if local == "DigitalSourceType":
            source_types += [_source_type_name(v.strip()) for v in values if v.strip()]
        elif local in ("CreatorTool", "Software") and (element.text or "").strip():
            software = software or _short(element.text.strip())
        for key, value in element.attrib.items():
            name = etree.QName(key).localname
            if name == "DigitalSourceType" and value.strip():
                source_types.append(_source_type_name(value.strip()))
            elif name in ("CreatorTool", "Software") and value.strip():
                software = software or _short(value.strip())
    return source_types, software


def _embedded(data: bytes) -> tuple[str | None, bytes | None, str]:
    """(MIME type, XMP packet, EXIF Software) of an image, read from its header only."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
            info = dict(image.info)
            software = ""
            try:
                software = _short(image.getexif().get(0x0131, ""))
            except (OSError, ValueError, SyntaxError):
                pass
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None, None, ""
    xmp = info.get("xmp") or info.get("XML:com.adobe.xmp")
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8", errors="replace")
    return _MIME.get(image.format or ""), xmp, software


def read_provenance(data: bytes) -> Finding:
    """The finding for an image's bytes (as downloaded or uploaded, before re-encoding)."""
    mime, xmp, exif_software = _embedded(data)
    if mime is None:
        # Pillow cannot open it (truncated, say); the file type is still known from its start.
        mime = next((m for magic, m in _MAGIC if data.startswith(magic)), None)
    if mime is None:
        return Finding()
    problems, found_in = [], []
    signed = None
    try:
        signed = _c2pa(data, mime)
    except ValueError as exc:
        problems.append(str(exc))
    if signed is not None:
        found_in.append("c2pa")
    elif not problems and b"jumb" in data and b"c2pa" in data:
        # A manifest's boxes are there, but the reader found none it could use (truncated).
        problems.append("C2PA: a manifest is present but cannot be read")
    xmp_types, xmp_software = [], ""
    if xmp:
        try:
            xmp_types, xmp_software = _xmp_values(xmp)
            found_in.append("xmp")
        except ValueError as exc:
            problems.append(str(exc))
    if exif_software:
        found_in.append("exif")
    source_types = tuple(
        dict.fromkeys([*((signed or {}).get("digital_source_types", [])), *xmp_types])
    )
    software = xmp_software or exif_software
    generator = (signed or {}).get("claim_generator", "")
    if set(source_types) & AI_SOURCE_TYPES or GENERATORS.search(software):
        kind = AI_GENERATED
    elif signed is not None and not (signed["signature_valid"] and signed["data_hash_match"]):
        kind = EDITED_AFTER_SIGNING
    elif signed is not None and set(source_types) & CAPTURE_SOURCE_TYPES:
        kind = CAMERA_SIGNED
    elif signed is not None:
        kind = AI_GENERATED if GENERATORS.search(generator) else SIGNED
    elif problems:
        kind = UNREADABLE
    else:
        kind = NONE
    return Finding(
        kind=kind,
        claim_generator=generator,
        digital_source_types=source_types,
        software=software,
        signature_valid=(signed or {}).get("signature_valid"),
        signer_trusted=(signed or {}).get("signer_trusted"),
        signer=(signed or {}).get("signer", ""),
        data_hash_match=(signed or {}).get("data_hash_match"),
        found_in=tuple(found_in),
        problems=tuple(problems),
    )
