"""How a provenance finding (rumors/fetchers/provenance.py, kept as a dict on a Source or an
Evidence item) is shown and what it leads to: the one home of those rules. Pages, the API and
services/provenance.py ask here.

- "AI-generated" (a C2PA action or IPTC DigitalSourceType says a generator made it, or a
  Software field names one) is evidence: it becomes a suggested item for moderators.
- "Captured by a camera, signed" and "signed" are context; "edited after signing" (the data
  hash no longer matches) is worth a moderator's look; "unreadable" says the metadata was
  malformed or hostile and was not read.
- A missing credential proves nothing: most platforms strip metadata. Every surface that shows
  a finding says so.
"""

from django.utils.translation import gettext_lazy as _

from rumors.fetchers import provenance as read

LABELS = {
    read.AI_GENERATED: _("AI-generated, by its own metadata"),
    read.EDITED_AFTER_SIGNING: _(
        "Edited after it was signed: its Content Credentials no longer match"
    ),
    read.CAMERA_SIGNED: _("Captured by a camera, signed"),
    read.SIGNED: _("Signed with Content Credentials"),
    read.UNREADABLE: _("Unreadable metadata: not read"),
}
MISSING_PROVES_NOTHING = _(
    "A missing credential proves nothing: most platforms strip metadata from what they publish."
)
UNTRUSTED_NOTE = _(
    "No list of trusted signers is configured, so no signer is vouched for: anyone can sign."
)


def kind_of(finding: dict | None) -> str:
    return (finding or {}).get("kind") or read.NONE


def shows(finding: dict | None) -> bool:
    """Whether there is anything to show (no metadata at all is shown as nothing)."""
    return kind_of(finding) in LABELS


def suggests_evidence(finding: dict | None) -> bool:
    return kind_of(finding) == read.AI_GENERATED


def label(finding: dict | None) -> str:
    return str(LABELS.get(kind_of(finding), ""))
