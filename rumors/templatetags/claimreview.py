import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from rumors.claimreview import claimreview_for

register = template.Library()

# The JSON sits inside a <script> element: nothing in it may close the element.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def claimreview_jsonld(rumor) -> str:
    """A `<script type="application/ld+json">` with the rumor's fact-check markup, or nothing."""
    document = claimreview_for(rumor)
    if document is None:
        return ""
    text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
