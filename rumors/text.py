"""Text as Jinjja keeps it. One cleaning, applied where text comes in: the services (site and API
alike) and the fetch boundary (metadata read from a page). Pure functions, no database."""

from __future__ import annotations

import math
import re

# Characters that XML 1.0 cannot carry (an Atom feed would fail on them), that PostgreSQL refuses
# (NUL) or that UTF-8 cannot encode (lone surrogates). Tab and newline are kept in multi-line text.
_UNWANTED = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_REMOVED = re.compile(f"[{_UNWANTED}]")
_LINE_BREAKS = re.compile(r"\r\n?")
_ONE_LINE_SPACES = re.compile(r"[\t\n\r]")

# structured_data keeps a page's own JSON: bounded so that a hostile page cannot store a tree of
# any depth or size.
JSON_MAX_DEPTH = 20
JSON_MAX_ITEMS = 200
JSON_MAX_STRING = 5000


def clean_text(value: str, *, max_length: int | None = None, multiline: bool = False) -> str:
    """`value` without the characters no page, feed or database should carry, stripped, and cut
    to `max_length`.

    Removed: NUL and the other C0 control characters U+0001–U+001F, except tab (U+0009) and
    newline (U+000A) in multi-line text (claims, notes, descriptions); DEL (U+007F) and the C1
    controls U+0080–U+009F; lone surrogates U+D800–U+DFFF; the noncharacters U+FFFE and U+FFFF.
    Carriage returns become newlines in multi-line text; in one-line text (titles, names) tab,
    newline and carriage return become spaces. Anything that is not a `str` gives "".
    """
    if not isinstance(value, str):
        return ""
    if multiline:
        value = _REMOVED.sub("", _LINE_BREAKS.sub("\n", value))
    else:
        value = _REMOVED.sub("", _ONE_LINE_SPACES.sub(" ", value))
    value = value.strip()
    if max_length is not None and len(value) > max_length:
        value = value[:max_length].rstrip()
    return value


def clean_json(value, *, depth: int = 0):
    """A JSON tree made safe to store: strings (keys too) cleaned as multi-line text and cut,
    non-finite numbers and integers beyond 64 bits dropped, depth and lengths bounded."""
    if isinstance(value, str):
        return clean_text(value, max_length=JSON_MAX_STRING, multiline=True)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if -(2**63) <= value < 2**63 else None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if depth >= JSON_MAX_DEPTH:
        return None
    if isinstance(value, dict):
        items = list(value.items())[:JSON_MAX_ITEMS]
        return {
            clean_text(str(k), max_length=200): clean_json(v, depth=depth + 1) for k, v in items
        }
    if isinstance(value, list | tuple):
        return [clean_json(v, depth=depth + 1) for v in value[:JSON_MAX_ITEMS]]
    return None
