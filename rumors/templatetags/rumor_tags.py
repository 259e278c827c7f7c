from django import template

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
