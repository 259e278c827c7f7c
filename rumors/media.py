"""Whether a picture of a piece of media may be shown openly.

The one place that decides it: the templates (through the `media_visible` tag), the API's
serializers, the fact-check JSON-LD and the link previews all ask `media_visible`. A state
that must keep a clip's frames off the site is added here once.
"""

from rumors.models import Rumor, Source


def media_visible(source: Source | None, *rumors: Rumor) -> bool:
    """True if the source's thumbnail, image and video links (or, with no source, an evidence
    image on these rumors) may be shown without a warning: neither the link nor any rumor it
    is shown for is marked sensitive."""
    if source is not None and source.is_sensitive:
        return False
    return not any(rumor.is_sensitive for rumor in rumors)
