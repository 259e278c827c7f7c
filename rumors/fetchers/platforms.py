"""What the platforms members link to say about a post beyond OpenGraph: the data their pages
embed (YouTube's player response, TikTok's rehydration state, Instagram's and Facebook's post
JSON), the shapes of their titles ("Name (@handle) on Instagram: ..."), the handle in a profile
URL and the time in a post id. Pure functions from a parsed page to a layer for
metadata.merge(); no network, no database."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# Host (or the end of one) → the platform's name, the most specific first.
_HOSTS = (
    ("youtube.com", "YouTube"),
    ("youtu.be", "YouTube"),
    ("x.com", "X"),
    ("twitter.com", "X"),
    ("instagram.com", "Instagram"),
    ("tiktok.com", "TikTok"),
    ("facebook.com", "Facebook"),
    ("fb.watch", "Facebook"),
    ("reddit.com", "Reddit"),
    ("bsky.app", "Bluesky"),
    ("threads.net", "Threads"),
    ("weverse.io", "Weverse"),
    ("vimeo.com", "Vimeo"),
    ("tv.naver.com", "Naver TV"),
    ("blog.naver.com", "Naver Blog"),
    ("naver.com", "Naver"),
    ("daum.net", "Daum"),
)
# Paths that name the account: x.com/<handle>/status/..., tiktok.com/@<handle>/video/...
_HANDLE_PATHS = {
    "X": re.compile(r"^/(?!i/|home|search|intent/)([A-Za-z0-9_]{1,15})(?:/|$)"),
    "Instagram": re.compile(r"^/(?!p/|reel/|reels/|tv/|stories/|explore/)([A-Za-z0-9_.]{1,30})/?$"),
    "TikTok": re.compile(r"^/@([A-Za-z0-9_.]{1,24})(?:/|$)"),
    "YouTube": re.compile(r"^/@([A-Za-z0-9_.\-]{3,30})(?:/|$)"),
    "Bluesky": re.compile(r"^/profile/([A-Za-z0-9.\-]{3,253})(?:/|$)"),
    "Threads": re.compile(r"^/@([A-Za-z0-9_.]{1,30})(?:/|$)"),
    "Reddit": re.compile(r"^/(?:user|u)/([A-Za-z0-9_\-]{3,20})(?:/|$)"),
    "Naver Blog": re.compile(r"^/(?!PostView)([A-Za-z0-9_\-]{3,30})(?:/|$)"),
}
# X and TikTok ids carry the moment of posting: X's since its "snowflake" ids (milliseconds
# since 2010-11-04 in the bits above the 22nd), TikTok's in the top 32 bits (Unix seconds).
_X_EPOCH_MS = 1288834974657
_X_STATUS = re.compile(r"/status(?:es)?/(\d{15,20})")
_TIKTOK_VIDEO = re.compile(r"/(?:video|photo)/(\d{17,20})")
_IDS_SINCE = datetime(2010, 11, 4, tzinfo=UTC)
_KST = timezone(timedelta(hours=9))
# "Name (@handle) on Instagram: ...", "Name on X: ...", "Name (@handle)" (Bluesky).
_NAME_AND_HANDLE = re.compile(r"^(?P<name>.+?)\s*\(@(?P<handle>[^()\s]+)\)")
_NAME_ON = re.compile(r"^(?P<name>.+?)\s+on\s+(?:Instagram|X|Threads)\s*:", re.IGNORECASE)
# Instagram's description: "312K likes, 4,102 comments - handle on March 2, 2024: ..."
_INSTAGRAM_DESCRIPTION = re.compile(
    r"-\s*(?P<handle>[A-Za-z0-9_.]{1,30})\s+on\s+(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})"
)
# Facebook's video and reel titles: "Caption | By Page Name | Facebook".
_FACEBOOK_TITLE = re.compile(r"^(?P<title>.*?)\s*\|\s*By (?P<name>.+?)\s*\|\s*Facebook$")
_EPOCH_KEYS = re.compile(r'"(?:taken_at|publish_time|creation_time)"\s*:\s*"?(\d{9,11})\b')
_KOREAN_DATE = re.compile(
    r"(\d{4})[.\-]\s*(\d{1,2})[.\-]\s*(\d{1,2})\.?\s*(?:(오전|오후)\s*)?(?:(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)


def platform_for(url: str) -> str:
    """The platform's name for a URL on one of the platforms above, else ""."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    for suffix, name in _HOSTS:
        if host == suffix or host.endswith("." + suffix):
            return name
    return ""


def handle_from_url(url: str) -> str:
    """The account named by a profile or post URL (x.com/kdrama_tea/status/1...), else ""."""
    platform = platform_for(url)
    pattern = _HANDLE_PATHS.get(platform)
    if not pattern:
        return ""
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return ""
    match = pattern.match(path)
    return match.group(1) if match else ""


def posted_at_from_id(url: str) -> datetime | None:
    """When an X post or TikTok video was posted, read from the id in its URL."""
    platform = platform_for(url)
    pattern = {"X": _X_STATUS, "TikTok": _TIKTOK_VIDEO}.get(platform)
    match = pattern.search(url) if pattern else None
    if not match:
        return None
    number = int(match.group(1))
    if platform == "X":
        moment = datetime.fromtimestamp(((number >> 22) + _X_EPOCH_MS) / 1000, tz=UTC)
    else:
        moment = datetime.fromtimestamp(number >> 32, tz=UTC)
    # An id from before the scheme or from the future is not one these platforms gave.
    return moment if _IDS_SINCE <= moment <= datetime.now(UTC) + timedelta(days=1) else None


def split_author(value: str) -> tuple[str, str]:
    """("Jane Doe", "") from "By Jane Doe"; ("Name", "handle") from "Name (@handle)";
    ("", "handle") from "@handle". News bylines keep what follows "By "."""
    value = value.strip()
    if value[:3].lower() == "by ":
        value = value[3:].strip()
    match = _NAME_AND_HANDLE.match(value)
    if match:
        return match["name"].strip(), match["handle"]
    if value.startswith("@") and " " not in value:
        return "", value[1:]
    for prefix in ("u/", "/u/"):  # Reddit's user names
        if value.startswith(prefix):
            return value[len(prefix) :], value[len(prefix) :]
    return value, ""


def _epoch(value) -> str:
    try:
        return datetime.fromtimestamp(int(value), tz=UTC).isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return ""


def korean_datetime(text: str) -> str:
    """ISO text for a Korean portal's local time ("2024.03.03. 오후 1:12", "2024. 3. 3. 10:12",
    "2024-03-03 10:12:00"): Korea Standard Time, which those pages do not state."""
    match = _KOREAN_DATE.search(text or "")
    if not match:
        return ""
    year, month, day, half, hour, minute, second = match.groups()
    hour = int(hour or 0)
    if half == "오후" and hour < 12:
        hour += 12
    elif half == "오전" and hour == 12:
        hour = 0
    try:
        moment = datetime(
            int(year), int(month), int(day), hour, int(minute or 0), int(second or 0), tzinfo=_KST
        )
    except ValueError:
        return ""
    return moment.isoformat()


def _script_json(soup: BeautifulSoup, script_id: str):
    script = soup.find("script", id=script_id)
    try:
        return json.loads(script.string or "") if script else None
    except (ValueError, TypeError, RecursionError):
        return None


def _assigned_json(text: str, name: str):
    """The object literal assigned to a JavaScript variable (`var ytInitialPlayerResponse =`)."""
    start = text.find(name)
    brace = text.find("{", start) if start >= 0 else -1
    if brace < 0:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(text, brace)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _dig(data, *keys):
    for key in keys:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and -len(data) <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def _text(value) -> str:
    """YouTube's text objects: {"simpleText": ...} or {"runs": [{"text": ...}]}."""
    if isinstance(value, dict):
        if "simpleText" in value:
            return str(value["simpleText"])
        return "".join(str(run.get("text", "")) for run in value.get("runs", []) if run)
    return value if isinstance(value, str) else ""


def _youtube(soup: BeautifulSoup, text: str) -> dict:
    player = _assigned_json(text, "ytInitialPlayerResponse") or {}
    details = player.get("videoDetails") or {}
    micro = _dig(player, "microformat", "playerMicroformatRenderer") or {}
    person = soup.find(attrs={"itemprop": "author"})
    name = person.find(attrs={"itemprop": "name"}) if person else None
    link = person.find(attrs={"itemprop": "url"}) if person else None
    channel_url = micro.get("ownerProfileUrl") or (link.get("href", "") if link else "")
    # The microformat is the page's description of itself; videoDetails is the player's, its
    # title sometimes cut short, so it only names the channel and the length.
    return {
        "title": _text(micro.get("title")),
        "description": _text(micro.get("description")),
        "author": micro.get("ownerChannelName")
        or details.get("author")
        or (name.get("content", "") if name else ""),
        "author_handle": handle_from_url(channel_url if isinstance(channel_url, str) else ""),
        "published_at": micro.get("publishDate") or micro.get("uploadDate"),
        "duration": micro.get("lengthSeconds") or details.get("lengthSeconds"),
    }


def _tiktok(soup: BeautifulSoup, text: str) -> dict:
    item = _dig(
        _script_json(soup, "__UNIVERSAL_DATA_FOR_REHYDRATION__"),
        "__DEFAULT_SCOPE__",
        "webapp.video-detail",
        "itemInfo",
        "itemStruct",
    )
    author = _dig(item, "author") or {}
    if not item:  # the older SIGI_STATE: items by id, the author a bare uniqueId
        sigi = _script_json(soup, "SIGI_STATE") or {}
        items = _dig(sigi, "ItemModule")
        item = next(iter(items.values()), None) if isinstance(items, dict) and items else None
        if not isinstance(item, dict):
            return {}
        author = {"uniqueId": item.get("author"), "nickname": item.get("nickname")}
    if not isinstance(author, dict):
        return {}
    # og:title is "TikTok · <nickname>": the caption is the video's title.
    return {
        "title": item.get("desc"),
        "description": item.get("desc"),
        "author": author.get("nickname") or author.get("uniqueId"),
        "author_handle": author.get("uniqueId"),
        "published_at": _epoch(item.get("createTime")),
        "duration": _dig(item, "video", "duration"),
    }


def _titled(tags: dict[str, str], *, text_is_title: bool = False) -> dict:
    """Instagram, X, Threads and Bluesky name the account in og:title. X's og:title wraps the
    post ("Name on X: "text https://t.co/..." / X"), whose plain text is og:description."""
    title = tags.get("og:title", "")
    match = _NAME_AND_HANDLE.match(title) or _NAME_ON.match(title)
    layer = {"title": tags.get("og:description")} if text_is_title else {}
    if match:
        groups = match.groupdict()
        layer.update(author=groups["name"], author_handle=groups.get("handle") or "")
    return layer


def _instagram(soup: BeautifulSoup, text: str, tags: dict[str, str]) -> dict:
    layer = _titled(tags)
    match = _INSTAGRAM_DESCRIPTION.search(tags.get("og:description") or tags.get("description", ""))
    if match:
        layer["author_handle"] = layer.get("author_handle") or match["handle"]
        try:
            day = datetime.strptime(match["date"], "%B %d, %Y").replace(tzinfo=UTC)
        except ValueError:
            day = None
        layer["published_at"] = _embedded_epoch(text) or (day.isoformat() if day else "")
    return layer


def _embedded_epoch(text: str) -> str:
    match = _EPOCH_KEYS.search(text)
    return _epoch(match.group(1)) if match else ""


def _facebook(soup: BeautifulSoup, text: str, tags: dict[str, str]) -> dict:
    match = _FACEBOOK_TITLE.match(tags.get("og:title", ""))
    layer = {"published_at": _embedded_epoch(text)}
    if match:
        layer.update(title=match["title"], author=match["name"])
    return layer


def _weverse(soup: BeautifulSoup) -> dict:
    post = _dig(_script_json(soup, "__NEXT_DATA__"), "props", "pageProps", "post")
    if not isinstance(post, dict):
        return {}
    published = post.get("publishedAt")  # milliseconds
    return {
        "author": _dig(post, "author", "profileName"),
        "published_at": _epoch(published // 1000) if isinstance(published, int) else "",
    }


def _press(tags: dict[str, str]) -> str:
    """A portal's name for the newspaper behind an article: "연합뉴스 | 네이버" → "연합뉴스"."""
    value = tags.get("og:article:author") or tags.get("article:media_name") or ""
    return value.split("|")[0].strip()


def _first_text(soup: BeautifulSoup, *selectors: str) -> str:
    for selector in selectors:
        node = soup.select_one(selector)
        if node is None:
            continue
        value = node.get("data-date-time") or node.get("data-modify-date-time") or node.get_text()
        if value and value.strip():
            return value.strip()
    return ""


def _naver(soup: BeautifulSoup, text: str, tags: dict[str, str]) -> dict:
    return {
        "site_name": _press(tags),
        "author": _first_text(
            soup, ".media_end_head_journalist_name", ".byline_s", ".NewsEndMain_author"
        ),
        "published_at": korean_datetime(
            _first_text(soup, "._ARTICLE_DATE_TIME", ".media_end_head_info_datestamp_time")
        ),
    }


def _naver_blog(soup: BeautifulSoup, text: str, tags: dict[str, str]) -> dict:
    return {
        "author": tags.get("naverblog:nickname"),
        "published_at": korean_datetime(_first_text(soup, ".se_publishDate", ".date")),
    }


def _daum(soup: BeautifulSoup, text: str, tags: dict[str, str]) -> dict:
    reg_date = tags.get("og:regdate", "")  # "20240303101203", Korea Standard Time
    stamp = f"{reg_date[:4]}-{reg_date[4:6]}-{reg_date[6:8]} {reg_date[8:10]}:{reg_date[10:12]}"
    stamp += f":{reg_date[12:14]}" if len(reg_date) >= 14 else ""
    return {
        "site_name": _press(tags),
        "author": tags.get("og:article:author:name")
        or _first_text(soup, ".info_view .txt_info", ".txt_info"),
        "published_at": korean_datetime(stamp if len(reg_date) >= 12 else ""),
    }


def embedded_layer(soup: BeautifulSoup, text: str, tags: dict[str, str], url: str) -> dict:
    """What the page's platform embeds about the post; {} for a page off these platforms."""
    platform = platform_for(tags.get("og:url") or url) or platform_for(url)
    if platform == "YouTube":
        return _youtube(soup, text)
    if platform == "TikTok":
        return _tiktok(soup, text)
    if platform == "Instagram":
        return _instagram(soup, text, tags)
    if platform in ("X", "Threads"):
        return _titled(tags, text_is_title=True)
    if platform == "Bluesky":
        return _titled(tags)
    if platform == "Weverse":
        return _weverse(soup)
    if platform == "Facebook":
        return _facebook(soup, text, tags)
    if platform in ("Naver", "Naver TV"):
        return _naver(soup, text, tags)
    if platform == "Naver Blog":
        return _naver_blog(soup, text, tags)
    if platform == "Daum":
        return _daum(soup, text, tags)
    return {}


def oembed_posted_at(html: str) -> str:
    """The date under an embedded X post: "&mdash; Name (@handle) <a href=...>March 2, 2024</a>"."""
    soup = BeautifulSoup(html or "", "lxml")
    links = soup.select("blockquote > a")
    if not links:
        return ""
    try:
        day = datetime.strptime(links[-1].get_text(strip=True), "%B %d, %Y")
    except ValueError:
        return ""
    return day.replace(tzinfo=UTC).isoformat()
