from django import template
from django.utils.translation import get_language

from rumors import media, permissions, provenance
from rumors.markup import render_note
from rumors.verdicts import VerdictInfo
from rumors.verdicts import verdict_info as lookup

register = template.Library()


@register.filter
def name_first(entity) -> str:
    """A person's or work's name in the reader's language (Hangul first in Korean)."""
    return entity.names_in(get_language())[0]


@register.filter
def name_beside(entity) -> str:
    """The other name, shown beside the first; empty when there is none."""
    return entity.names_in(get_language())[1]


@register.filter
def name_beside_lang(entity) -> str:
    """The language of the name beside: romanised in the Korean interface, else Hangul."""
    return "en" if (get_language() or "").startswith("ko") else "ko"


@register.filter
def title_in_language(rumor) -> str:
    return rumor.text_in(get_language())[0]


@register.filter
def claim_in_language(rumor) -> str:
    return rumor.text_in(get_language())[1]


@register.filter
def verdict_info(code: str) -> VerdictInfo | None:
    return lookup(code)


@register.filter
def note_html(text: str):
    """A note's small Markdown subset as sanitized HTML."""
    return render_note(text)


@register.simple_tag
def media_visible(source, rumor=None, also=(), evidence=None) -> bool:
    """{% media_visible source rumor also=more_rumors as shown %}: rumors/media.py decides."""
    rumors = [r for r in (rumor, *(also or ())) if r]
    return media.media_visible(source or None, *rumors, evidence=evidence or None)


@register.simple_tag
def media_withheld(source=None, evidence=None) -> bool:
    """{% media_withheld source as withheld %}: nothing of it, not even its link, is shown."""
    return media.media_withheld(source or None, evidence or None)


@register.simple_tag
def media_debunked(rumor=None, also=(), evidence=None) -> VerdictInfo | None:
    """{% media_debunked rumor also=more_rumors evidence=item as fake %}: the verdict that says
    this media is fake or misleading (its label for the card), or None. rumors/media.py decides."""
    rumors = [r for r in (rumor, *(also or ())) if r]
    return media.media_debunked(*rumors, evidence=evidence or None)


@register.simple_tag
def provenance_view(finding) -> dict | None:
    """{% provenance_view row.provenance as seen %}: the finding with its label and notes, or
    None when there is nothing to show (rumors/provenance.py decides)."""
    if not provenance.shows(finding):
        return None
    return {
        **finding,
        "label": provenance.label(finding),
        "missing_note": provenance.MISSING_PROVES_NOTHING,
        "untrusted_note": provenance.UNTRUSTED_NOTE,
    }


@register.simple_tag
def suggestion_pictures(evidence, rumor=None) -> media.SuggestionPictures:
    """{% suggestion_pictures evidence rumor as pictures %}: the two pictures of a reference
    suggestion that may be shown (rumors/media.py decides)."""
    return media.suggestion_pictures(evidence, *[r for r in (rumor,) if r])


@register.simple_tag(takes_context=True)
def event_actor(context, event):
    """{% event_actor event as actor %}: the member to name beside an event, or None while who
    did it stays private from this reader (a vote before its round's verdict)."""
    if event.actor is None:
        return None
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not permissions.can_see_event_actor(user, event):
        return None
    return event.actor
