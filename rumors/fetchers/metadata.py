"""Metadata from a page's HTML, in this order of trust: JSON-LD, OpenGraph, Twitter cards, oEmbed,
then plain HTML. Pure functions from bytes to a dataclass; no network, no database."""

from __future__ import annotations

import codecs
import html
import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from bs4.dammit import EncodingDetector

from rumors import text as cleaning
from rumors.fetchers import platforms

# Schema.org types whose fields describe the page's main media or story.
_LD_TYPES = {
    "videoobject",
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "socialmediaposting",
    "discussionforumposting",
    "imageobject",
    "movie",
    "tvepisode",
    "clip",
}
# Korean pages declare EUC-KR but use its Microsoft superset for the rarer syllables.
_CHARSET_SUPERSETS = {"euc-kr": "cp949", "ks_c_5601-1987": "cp949", "euc_kr": "cp949"}
# What platforms show instead of a clip that was taken down (checked only when the page has
# no OpenGraph title, as removal pages do not).
_UNAVAILABLE_MARKERS = (
    "video unavailable",
    "this video isn't available anymore",
    "this video has been removed",
    "video currently unavailable",
    "sorry, this page isn't available",
    "this page doesn’t exist",
    "this page doesn't exist",
    "this post is unavailable",
    "this post was deleted",
    "삭제된 게시물",
    "존재하지 않는 게시물",
)
# The lengths of the Source fields these fill: every value read from a page is cut to them.
_FIELD_LIMITS = {
    "title": 500,
    "site_name": 200,
    "author": 300,
    "author_handle": 100,
    "platform": 40,
    "language": 35,
}
_DESCRIPTION_LIMIT = 5000
_URL_LIMIT = 2000
# Values a page may claim that a database, a timedelta or a feed cannot hold are ignored.
_MAX_DURATION = timedelta(days=7)
_MAX_UTC_OFFSET = timedelta(hours=14)  # Kiribati; -12 is the other end
_EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
_LATEST = datetime(2200, 1, 1, tzinfo=UTC)
_URL_FIELDS = ("canonical_url", "image_url", "video_url")
# A Korean page that gives a time without its zone ("2024-03-04 09:30") means Seoul's.
_KST = timezone(timedelta(hours=9))
_WHITESPACE = re.compile(r"\s+")
_ISO_DURATION = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?"
    r"(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.IGNORECASE,
)


@dataclass
class PageMetadata:
    title: str = ""
    description: str = ""
    canonical_url: str = ""
    site_name: str = ""
    author: str = ""
    author_handle: str = ""
    platform: str = ""
    published_at: datetime | None = None
    image_url: str = ""
    video_url: str = ""
    duration: timedelta | None = None
    language: str = ""
    structured_data: dict = field(default_factory=dict)
    oembed_url: str = ""
    unavailable: bool = False
    # Plain-HTML values, merged by finish() after the oEmbed layer that outranks them.
    fallback: dict = field(default_factory=dict, repr=False)
    # The zone of the times the page gives without one.
    local_timezone: tzinfo = field(default=UTC, repr=False)


def decode_html(data: bytes, header_charset: str | None) -> str:
    """Text of an HTML document: the HTTP charset, then the page's own declaration, then UTF-8."""
    candidates = [header_charset, EncodingDetector.find_declared_encoding(data, is_html=True)]
    candidates += ["utf-8", "cp949"]
    for name in candidates:
        if not name:
            continue
        name = _CHARSET_SUPERSETS.get(name.lower(), name.lower())
        try:
            codecs.lookup(name)
        except LookupError:
            continue
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def clean_text(value) -> str:
    """Entities unescaped (twice-escaped ones too), whitespace collapsed, control characters
    removed (rumors.text.clean_text); anything but a string gives ""."""
    if not isinstance(value, str):
        return ""
    for _ in range(2):
        if "&" not in value:
            break
        value = html.unescape(value)
    return cleaning.clean_text(_WHITESPACE.sub(" ", value))


def parse_datetime(value, *, naive_timezone: tzinfo = UTC) -> datetime | None:
    """A timezone-aware datetime from ISO 8601 or RFC 2822 text; naive times are taken to be in
    `naive_timezone`."""
    text = clean_text(value if isinstance(value, str) else str(value or ""))
    if not text:
        return None
    parsed = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            for pattern in ("%Y.%m.%d %H:%M", "%Y.%m.%d. %H:%M", "%Y.%m.%d", "%Y-%m-%d %H:%M"):
                try:
                    parsed = datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=naive_timezone)
    offset = parsed.utcoffset()
    if offset is None or abs(offset) > _MAX_UTC_OFFSET:
        return None
    try:
        parsed = parsed.astimezone(UTC)
    except OverflowError:
        return None
    return parsed if _EARLIEST <= parsed < _LATEST else None


def _seconds(value) -> float | None:
    try:
        seconds = float(value)
    except (OverflowError, ValueError):
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def parse_duration(value) -> timedelta | None:
    """ISO 8601 durations (PT1M23S) or plain seconds, from zero to a week; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = _seconds(value)
    else:
        text = clean_text(value)
        if not text:
            return None
        if text.replace(".", "", 1).isdigit():
            seconds = _seconds(text)
        else:
            match = _ISO_DURATION.match(text)
            if not match or not any(match.groupdict().values()):
                return None
            parts = {k: _seconds(v) for k, v in match.groupdict().items() if v}
            if None in parts.values():
                return None
            units = {"d": 86400, "h": 3600, "m": 60, "s": 1}
            seconds = sum(units[k] * v for k, v in parts.items())
    if seconds is None or seconds > _MAX_DURATION.total_seconds():
        return None
    return timedelta(seconds=seconds)


def _absolute(value: str, base: str) -> str:
    value = clean_text(value)
    if not value:
        return ""
    try:
        url = urljoin(base, value)
        scheme = urlsplit(url).scheme
    except ValueError:  # a malformed IPv6 host, a bad port
        return ""
    return url if scheme in ("http", "https") and len(url) <= _URL_LIMIT else ""


def _first(value):
    if isinstance(value, list):
        return next((v for v in value if v), None)
    return value


def _name(value) -> str:
    """A person or organisation given as text, an object with a name, or a list of them. In a
    list of people and organisations, the organisation is the publisher: the people are named."""
    if isinstance(value, list):
        people = [v for v in value[:20] if isinstance(v, dict) and _ld_type(v) == {"person"}]
        names = [_name(v) for v in people or value[:20] if not isinstance(v, list)]
        return ", ".join(n for n in names if n)
    if isinstance(value, dict):
        return clean_text(value.get("name") or value.get("alternateName") or "")
    return clean_text(value)


def _handle(person) -> str:
    """The account of a schema.org Person: from its profile URL, or an "@name" it gives."""
    person = _first(person)
    if not isinstance(person, dict):
        return ""
    url = person.get("url")
    handle = platforms.handle_from_url(url) if isinstance(url, str) else ""
    for key in ("alternateName", "additionalName"):
        value = person.get(key)
        if not handle and isinstance(value, str) and value.strip().startswith("@"):
            handle = value
    return handle


def _image(value) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or ""
    return value if isinstance(value, str) else ""


def _ld_objects(soup: BeautifulSoup) -> list[dict]:
    objects: list[dict] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or script.get_text() or "")
        except (ValueError, TypeError, RecursionError):  # RecursionError: nesting beyond reason
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return objects


def _ld_type(obj: dict) -> set[str]:
    kinds = obj.get("@type") or []
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {str(k).lower() for k in kinds}


def _from_json_ld(objects: list[dict]) -> dict:
    main = [o for o in objects if _ld_type(o) & _LD_TYPES]
    # A video describes the clip itself: prefer it over the article that embeds it.
    main.sort(key=lambda o: "videoobject" not in _ld_type(o))
    if not main:
        return {}
    obj = main[0]
    publisher = obj.get("publisher")
    return {
        "title": obj.get("headline") or obj.get("name"),
        "description": obj.get("description") or clean_text(obj.get("articleBody"))[:500],
        "site_name": _name(publisher) if publisher else "",
        "author": _name(obj.get("author") or obj.get("creator")),
        "author_handle": _handle(obj.get("author") or obj.get("creator")),
        "published_at": obj.get("datePublished") or obj.get("uploadDate"),
        "image_url": _image(obj.get("thumbnailUrl") or obj.get("image")),
        "video_url": _first(obj.get("contentUrl") or obj.get("embedUrl")),
        "duration": obj.get("duration"),
        "language": obj.get("inLanguage") if isinstance(obj.get("inLanguage"), str) else "",
    }


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    """First value of every <meta property|name=...> (lower-cased keys)."""
    tags: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        value = meta.get("content")
        if key and value and isinstance(key, str):
            tags.setdefault(key.strip().lower(), value)
    return tags


def _from_opengraph(tags: dict[str, str]) -> dict:
    author = tags.get("article:author", "")
    locale = tags.get("og:locale", "")
    return {
        "title": tags.get("og:title"),
        "description": tags.get("og:description"),
        "canonical_url": tags.get("og:url"),
        "site_name": tags.get("og:site_name"),
        "author": "" if author.startswith(("http://", "https://")) else author,
        "author_handle": tags.get("profile:username"),
        "published_at": tags.get("article:published_time") or tags.get("og:published_time"),
        "image_url": tags.get("og:image:secure_url")
        or tags.get("og:image")
        or tags.get("og:image:url"),
        "video_url": tags.get("og:video:secure_url")
        or tags.get("og:video:url")
        or tags.get("og:video"),
        "duration": tags.get("video:duration") or tags.get("og:video:duration"),
        "language": locale.replace("_", "-"),
    }


def _from_twitter(tags: dict[str, str]) -> dict:
    # twitter:creator is a bare @handle, often the publisher's: it ranks below a byline.
    return {
        "title": tags.get("twitter:title"),
        "description": tags.get("twitter:description"),
        "image_url": tags.get("twitter:image") or tags.get("twitter:image:src"),
        "video_url": tags.get("twitter:player:stream") or tags.get("twitter:player"),
    }


def from_oembed(data: dict) -> dict:
    """The fields an oEmbed JSON document gives."""
    if not isinstance(data, dict):
        return {}
    author_url = data.get("author_url")
    return {
        "title": data.get("title"),
        "author": data.get("author_name"),
        "author_handle": platforms.handle_from_url(
            author_url if isinstance(author_url, str) else ""
        ),
        "published_at": platforms.oembed_posted_at(data.get("html") or "")
        if isinstance(data.get("html"), str)
        else "",
        "site_name": data.get("provider_name"),
        "image_url": data.get("thumbnail_url"),
        "duration": data.get("duration"),
    }


def _from_html(soup: BeautifulSoup, tags: dict[str, str]) -> dict:
    canonical = soup.find("link", rel="canonical", href=True)
    root = soup.find("html")
    title = soup.find("title")
    return {
        "title": title.get_text() if title else "",
        "description": tags.get("description"),
        "canonical_url": canonical["href"] if canonical else "",
        "author": tags.get("author") or tags.get("twitter:creator"),
        "published_at": tags.get("date")
        or tags.get("pubdate")
        or tags.get("datepublished")
        or tags.get("article:published"),
        "duration": tags.get("duration"),  # schema.org microdata, as YouTube writes it
        "language": root.get("lang", "") if root else "",
    }


def _is_korean(soup: BeautifulSoup, tags: dict[str, str], text: str) -> bool:
    root = soup.find("html")
    lang = str(root.get("lang", "")) if root else ""
    declared = EncodingDetector.find_declared_encoding(text[:4096], is_html=True) or ""
    return (
        lang.lower().startswith("ko")
        or tags.get("og:locale", "").lower().startswith("ko")
        or declared.lower() in _CHARSET_SUPERSETS
    )


def merge(page: PageMetadata, layer: dict, *, base_url: str) -> None:
    """Fill the fields `page` lacks from one layer of lesser trust."""
    for name, value in layer.items():
        if getattr(page, name) or value in (None, "", [], {}):
            continue
        if name == "published_at":
            value = parse_datetime(value, naive_timezone=page.local_timezone)
        elif name == "duration":
            value = parse_duration(value)
        elif name in _URL_FIELDS:
            value = _absolute(value if isinstance(value, str) else "", base_url)
        else:
            value = clean_text(value)
            if name == "author_handle":
                value = value.lstrip("@").strip()
            value = value[: _FIELD_LIMITS.get(name, _DESCRIPTION_LIMIT)].rstrip()
        if value:
            setattr(page, name, value)


def extract(data: bytes, *, url: str, charset: str | None = None) -> PageMetadata:
    """What a page says about itself, but for oEmbed and plain HTML: call finish() next.

    `url` is the final URL, against which relative links are resolved."""
    text = decode_html(data, charset)
    soup = BeautifulSoup(text, "lxml")
    tags = _meta_tags(soup)
    ld = _ld_objects(soup)
    page = PageMetadata(local_timezone=_KST if _is_korean(soup, tags, text) else UTC)
    og = _from_opengraph(tags)
    twitter = _from_twitter(tags)
    embedded = platforms.embedded_layer(soup, text, tags, url)
    for layer in (_from_json_ld(ld), embedded, og, twitter):
        merge(page, layer, base_url=url)
    oembed = soup.find("link", type="application/json+oembed", href=True)
    if oembed:
        page.oembed_url = _absolute(oembed["href"], url)
    page.structured_data = cleaning.clean_json(
        {
            "json_ld": ld[:10],
            "opengraph": {
                k: v
                for k, v in tags.items()
                if k.startswith(("og:", "article:", "video:", "profile:"))
            },
            "twitter": {k: v for k, v in tags.items() if k.startswith("twitter:")},
        }
    )
    page.fallback = _from_html(soup, tags)
    if not tags.get("og:title"):
        lowered = text.lower()
        page.unavailable = any(marker in lowered for marker in _UNAVAILABLE_MARKERS)
    return page


def finish(page: PageMetadata, *, url: str, oembed: dict | None = None) -> PageMetadata:
    """Merge the oEmbed layer (if one was fetched), then the plain HTML layer."""
    if page.published_at is None:  # to the second, where oEmbed gives the day
        page.published_at = platforms.posted_at_from_id(page.canonical_url or url)
    if oembed:
        page.structured_data["oembed"] = cleaning.clean_json(oembed)
        merge(page, from_oembed(oembed), base_url=url)
    merge(page, page.fallback, base_url=url)
    page.fallback = {}
    _account_and_platform(page, url=url)
    return page


def _account_and_platform(page: PageMetadata, *, url: str) -> None:
    """Undecorate the author ("By Jane Doe", "Name (@handle)", "@handle"), and read what a post's
    own address says when the page did not: its platform and its account."""
    name, handle = platforms.split_author(page.author)
    page.author_handle = page.author_handle or handle
    address = page.canonical_url or url
    page.platform = platforms.platform_for(address) or platforms.platform_for(url)
    if page.platform:
        page.author_handle = page.author_handle or platforms.handle_from_url(address)
    page.author = name or page.author_handle


def read_page(data: bytes, *, url: str, charset: str | None = None) -> PageMetadata:
    """extract() and finish() for a page read without its oEmbed document."""
    return finish(extract(data, url=url, charset=charset), url=url)
