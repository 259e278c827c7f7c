"""Notes in a small, safe subset of Markdown, rendered and then sanitized."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre"}


def render_note(text: str) -> SafeString:
    """Markdown to HTML, then nh3 keeps only the tags above and http(s) links, so raw HTML,
    scripts, event handlers and javascript: URLs in a note never reach a reader."""
    html = markdown.markdown(text or "", output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer ugc",
    )
    return mark_safe(clean)  # noqa: S308 - sanitized by nh3 just above
