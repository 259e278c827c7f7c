"""Whether a piece of media may be shown openly, and whether it may be shown at all.

The one place that decides it: the templates (through the `media_visible` and `media_withheld`
tags), the API's serializers, the fact-check JSON-LD and the link previews all ask here. A
state that must keep a clip's frames off the site is added here once.

Two states: sensitive media is blurred behind a warning (a reader may still choose to look);
withheld media (reported as sexual imagery or private information, until a moderator
dismisses the report) is not shown at all, not even its link, and its files are out of reach.

And one verdict-borne state, debunked media (`media_debunked`): a verdict says the media a
rumor is about is fake or misleading. Its frames are never a page's largest picture nor in
any preview (link previews, JSON-LD files, cards in lists), its thumbnail is small, labelled
with the verdict and behind one click, and its link goes through a warning page.
"""

from dataclasses import dataclass

from django.db.models.fields.files import FieldFile

from rumors.models import Evidence, Reference, Rumor, Source
from rumors.verdicts import VerdictInfo, verdict_info


def media_withheld(source: Source | None = None, evidence: Evidence | None = None) -> bool:
    """True if the link (or evidence item) is withheld after a report: no picture, no file
    URL, no link to it anywhere. An evidence item resting on a withheld link is withheld with
    it, also when it was added after the report."""
    if evidence is not None and source is None and evidence.source_id:
        source = evidence.source
    return any(row is not None and row.is_media_hidden for row in (source, evidence))


def media_visible(source: Source | None, *rumors: Rumor, evidence: Evidence | None = None) -> bool:
    """True if the source's thumbnail, image and video links (or, with no source, an evidence
    image on these rumors) may be shown without a warning: nothing is withheld, and neither
    the link nor any rumor it is shown for is marked sensitive."""
    if media_withheld(source, evidence):
        return False
    if source is not None and source.is_sensitive:
        return False
    return not any(rumor.is_sensitive for rumor in rumors)


def _rests_on_rumor_link(evidence: Evidence) -> bool:
    """Whether the evidence item's link is one of its rumor's own links (the media the verdict
    is about), read from the `on_rumor_link` annotation of the page's prefetch when present."""
    if not evidence.source_id:
        return False
    known = getattr(evidence, "on_rumor_link", None)
    if known is None:
        known = evidence.rumor.sources.filter(pk=evidence.source_id).exists()
    return known


def media_debunked(*rumors: Rumor, evidence: Evidence | None = None) -> VerdictInfo | None:
    """The verdict that says the media these rumors are about is fake or misleading
    (`VerdictInfo.media_debunked`), or None. A rumor's own links are that media; with
    `evidence`, the answer is None unless the evidence item rests on one of them (evidence
    pointing elsewhere, such as the original footage, is not the fake)."""
    if evidence is not None and not _rests_on_rumor_link(evidence):
        return None
    for rumor in rumors:
        info = verdict_info(rumor.verdict)
        if info is not None and info.media_debunked:
            return info
    return None


@dataclass(frozen=True)
class SuggestionPictures:
    """The two pictures of a reference suggestion, side by side; None where the rules hide one."""

    matched: FieldFile | None
    reference: FieldFile | None


def suggestion_pictures(evidence: Evidence, *rumors: Rumor) -> SuggestionPictures:
    """What a suggested "original footage" item may show: the rumor's link's picture unless it
    may not be shown (withheld, sensitive) or a verdict found it fake (the fake's frame is never
    shown openly), and the reference's picture unless its link's may not be shown or the
    reference is held for matching the never-host bank."""
    matched = evidence.matched_source
    left = None
    if (
        matched is not None
        and matched.thumbnail_small
        and media_visible(matched, *rumors)
        and media_debunked(*rumors) is None
    ):
        left = matched.thumbnail_small
    reference = evidence.reference
    right = None
    if reference is not None and reference.state == Reference.State.IN_LIBRARY:
        if reference.source_id is None:
            right = reference.image or None
        elif reference.source.thumbnail_small and media_visible(reference.source):
            right = reference.source.thumbnail_small
    return SuggestionPictures(matched=left, reference=right)
