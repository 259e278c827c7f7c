from django import template

from rumors import media, permissions
from rumors.markup import render_note
from rumors.verdicts import VerdictInfo
from rumors.verdicts import verdict_info as lookup

register = template.Library()


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
