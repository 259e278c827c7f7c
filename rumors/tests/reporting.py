"""A rumor whose media is all on disk, for the tests of reports: a link with two real
thumbnail files, an image and a video address, an accepted evidence item with an image file
and a link, and a verdict (so that it has JSON-LD)."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from accounts.tests.factories import ModeratorFactory
from rumors.models import Evidence, Rumor, Source
from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.verdicts import Verdict

FRAME = "https://cdn.example/intimate-frame.jpg"
CLIP = "https://cdn.example/intimate.mp4"
LINK = "https://www.youtube.com/watch?v=deepfake01"
FINAL = "https://www.youtube.com/watch?v=deepfake01&final=1"
EVIDENCE_LINK = "https://news.example/agency-statement"
NOTE = "The agency's original footage shows a different person; the face was swapped."
ADDRESS = "203.0.113.9"
# A tiny valid PNG: the bytes do not matter to these tests, only where the files are.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class Reported:
    rumor: Rumor
    source: Source
    evidence: Evidence

    @property
    def files(self) -> list[str]:
        return ["thumbs/intimate.png", "thumbs/intimate-s.png", "evidence/compare.png"]

    @property
    def page_url(self) -> str:
        return settings.SITE_URL + self.rumor.get_absolute_url()


def make_reported(media_root: Path) -> Reported:
    """Expects settings.MEDIA_ROOT = media_root."""
    reported = Reported(None, None, None)
    for name in reported.files:
        path = media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PNG)
    source = SourceFactory(
        url=LINK,
        normalized_url=LINK,
        final_url=FINAL,
        canonical_url=LINK,
        fetch_state=Source.State.FETCHED,
        title="Leaked clip",
        thumbnail="thumbs/intimate.png",
        thumbnail_small="thumbs/intimate-s.png",
        image_url=FRAME,
        video_url=CLIP,
    )
    rumor = RumorFactory(
        title="Leaked intimate clip of a lead actor",
        with_source=source,
        status=Rumor.Status.RESOLVED,
        verdict=Verdict.AI_GENERATED,
        verdict_reached_at=timezone.now(),
    )
    evidence = Evidence.objects.create(
        rumor=rumor,
        kind=Evidence.Kind.ORIGINAL_FOOTAGE,
        stance=Evidence.Stance.REFUTES,
        url=EVIDENCE_LINK,
        image="evidence/compare.png",
        note=NOTE,
        status=Evidence.Status.ACCEPTED,
        submitted_by=ModeratorFactory(),
    )
    return Reported(rumor=rumor, source=source, evidence=evidence)


# Everything of the media that no page or answer may name while it is withheld.
WITHHELD_STRINGS = (
    FRAME,
    CLIP,
    "watch?v=deepfake01",
    "intimate.png",
    "intimate-s.png",
    "compare.png",
    EVIDENCE_LINK,
)


def names_withheld_media(text: str) -> list[str]:
    return [s for s in WITHHELD_STRINGS if s in text]
