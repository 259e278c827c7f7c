"""Link keys: what a link points to, so that a clip re-posted under another address, a mirror
domain or a tracking parameter meets its first copy.

On the platforms fans share from, the key is the platform and the content id (`youtube:ID`,
`x:ID`, `tiktok:ID`, `instagram:SHORTCODE`); every other link keeps its normalized URL
(rumors/fetchers/urls.py), with http and https the same link.

Why not medialab's `ural` (checked at 1.6.2): it knows YouTube (not `/live/`), Instagram, and
Facebook videos (not reels or share links); it keeps x.com and twitter.com apart, misses
`/i/status/` and the fxtwitter/vxtwitter mirrors, reads `/status/ID/photo/1` as a profile, and
has nothing for TikTok, Reddit, Bluesky, Naver, Daum, Kakao TV, Weverse or V LIVE. This table
would be needed for most platforms anyway, and one table is easier to read and to test than two
sources of rules, so the dependency does not earn its place.

Opaque short links (vm.tiktok.com, t.co, bit.ly, fb.watch, naver.me, Facebook and Reddit share
links) name nothing until they are fetched: they keep their normalized URL as key, and the
fetched final URL's key will join them to the content's (a later step). youtu.be/ID is not
opaque: normalize_url unfolds it, and the YouTube rule keys it.
"""

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from rumors.fetchers.urls import normalize_url

# Room for every platform key (a Bluesky handle, the longest, is at most 253 characters). A
# longer fallback key is hashed: the unique index then stays small, whatever Hangul or
# percent-encoding a link's path carries (a btree entry must fit in a third of a page).
LINK_KEY_MAX_LENGTH = 500


@dataclass(frozen=True)
class Rule:
    """Link shapes of a platform: the path must match one of `paths` in full, and each query
    parameter named in `query` must be present once and match its pattern in full. The groups
    of both fill `key`; those named in `lower` are case-insensitive names (handles, blog ids)."""

    platform: str
    hosts: frozenset[str]
    paths: tuple[re.Pattern[str], ...]
    key: str = "{id}"
    query: dict[str, re.Pattern[str]] = field(default_factory=dict)
    lower: tuple[str, ...] = ()

    def match(self, host: str, path: str, params: dict[str, list[str]]) -> str | None:
        if host not in self.hosts:
            return None
        found = next(filter(None, (pattern.fullmatch(path) for pattern in self.paths)), None)
        if found is None:
            return None
        groups = found.groupdict()
        for name, pattern in self.query.items():
            values = params.get(name, [])
            if len(values) != 1 or not pattern.fullmatch(values[0]):
                return None
            groups[name] = values[0]
        for name in self.lower:
            groups[name] = groups[name].lower()
        return f"{self.platform}:{self.key.format(**groups)}"


def _rule(platform: str, hosts: set[str], *paths: str, key: str = "{id}", **options) -> Rule:
    query = {name: re.compile(pattern) for name, pattern in options.pop("query", {}).items()}
    compiled = tuple(re.compile(path) for path in paths)
    return Rule(platform, frozenset(hosts), compiled, key, query, **options)


# Hosts as normalize_url leaves them: it already folds youtube.com, m.youtube.com and
# music.youtube.com into www.youtube.com, youtu.be/ID and /shorts/ID into /watch?v=ID, the
# twitter.com hosts into x.com, m.tiktok.com into www.tiktok.com, and so on (_HOST_ALIASES).
_YOUTUBE = {"www.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
_X = {"x.com", "fxtwitter.com", "www.fxtwitter.com", "vxtwitter.com", "www.vxtwitter.com"}
_X |= {"fixupx.com", "fixvx.com", "twittpr.com"}
_INSTAGRAM = {"www.instagram.com", "m.instagram.com", "ddinstagram.com", "www.ddinstagram.com"}
_FACEBOOK = {"www.facebook.com", "facebook.com", "m.facebook.com", "web.facebook.com"}
_FACEBOOK |= {"mbasic.facebook.com"}
_REDDIT = {"www.reddit.com", "new.reddit.com", "np.reddit.com", "sh.reddit.com"}
_NAVER_NEWS = {"n.news.naver.com", "m.news.naver.com", "news.naver.com", "entertain.naver.com"}

_YOUTUBE_ID = r"[A-Za-z0-9_-]{11}"
_DIGITS = r"\d{1,20}"

RULES = (
    _rule("youtube", _YOUTUBE, r"/watch", key="{v}", query={"v": _YOUTUBE_ID}),
    _rule("youtube", _YOUTUBE, rf"/(?:embed|live|shorts|v|e)/(?P<id>{_YOUTUBE_ID})"),
    # /i/status/ID, /USER/status/ID and a status's /photo/N or /video/N are the same post.
    _rule(
        "x",
        _X,
        rf"/(?:i/web|i|[A-Za-z0-9_]{{1,15}})/status(?:es)?/(?P<id>{_DIGITS})"
        r"(?:/(?:photo|video)/[1-4])?",
    ),
    _rule(
        "tiktok",
        {"www.tiktok.com"},
        rf"/@[A-Za-z0-9_.]{{1,24}}/(?:video|photo)/(?P<id>{_DIGITS})",
        rf"/v/(?P<id>{_DIGITS})\.html",
        rf"/embed(?:/v2)?/(?P<id>{_DIGITS})",
    ),
    _rule(
        "instagram",
        _INSTAGRAM,
        r"(?:/[A-Za-z0-9_.]{1,30})?/(?:p|reels?|tv)/(?P<id>[A-Za-z0-9_-]{5,64})",
    ),
    # A reel is a video: /reel/ID and /watch?v=ID open the same one.
    _rule("facebook", _FACEBOOK, r"/watch", r"/video\.php", key="{v}", query={"v": _DIGITS}),
    _rule(
        "facebook",
        _FACEBOOK,
        rf"/reel/(?P<id>{_DIGITS})",
        rf"/[A-Za-z0-9.-]{{1,80}}/videos/(?:[\w%.-]{{1,200}}/)?(?P<id>{_DIGITS})",
    ),
    # A post, not one of its comments (/comments/ID/slug/COMMENT is another thing).
    _rule(
        "reddit",
        _REDDIT,
        r"(?:/r/[A-Za-z0-9_]{1,21}|/u(?:ser)?/[A-Za-z0-9_-]{1,20})?"
        r"/comments/(?P<id>[a-z0-9]{1,12})(?:/[\w%-]{1,300})?",
    ),
    _rule("reddit", {"redd.it"}, r"/(?P<id>[a-z0-9]{1,12})"),
    # A post is named by its author and record key. The same post under the author's DID and
    # under their handle keeps two keys until a fetch tells them apart (a later step).
    _rule(
        "bluesky",
        {"bsky.app"},
        r"/profile/(?P<handle>did:plc:[a-z2-7]{24}|[A-Za-z0-9.-]{1,253})"
        r"/post/(?P<id>[A-Za-z0-9._~:-]{1,64})",
        key="{handle}/{id}",
        lower=("handle",),
    ),
    _rule("navertv", {"tv.naver.com", "m.tv.naver.com"}, rf"/(?:v|embed)/(?P<id>{_DIGITS})"),
    # Naver's news and entertainment sections show one article under its press (oid) and
    # article (aid) numbers.
    _rule(
        "navernews",
        _NAVER_NEWS,
        r"(?:/mnews|/entertain)?/article/(?P<oid>\d{3})/(?P<aid>\d{10})",
        key="{oid}/{aid}",
    ),
    _rule(
        "navernews",
        _NAVER_NEWS,
        r"/main/read\.(?:naver|nhn)",
        r"/read",
        key="{oid}/{aid}",
        query={"oid": r"\d{3}", "aid": r"\d{10}"},
    ),
    _rule(
        "naverblog",
        {"blog.naver.com"},
        rf"/(?P<blogId>[A-Za-z0-9_-]{{1,30}})/(?P<logNo>{_DIGITS})",
        key="{blogId}/{logNo}",
        lower=("blogId",),
    ),
    _rule(
        "naverblog",
        {"blog.naver.com"},
        r"/PostView\.(?:naver|nhn)",
        key="{blogId}/{logNo}",
        query={"blogId": r"[A-Za-z0-9_-]{1,30}", "logNo": _DIGITS},
        lower=("blogId",),
    ),
    _rule("daum", {"v.daum.net", "m.v.daum.net"}, r"/v/(?P<id>[A-Za-z0-9]{1,24})"),
    _rule(
        "kakaotv",
        {"tv.kakao.com", "play-tv.kakao.com"},
        rf"/v/(?P<id>{_DIGITS})",
        rf"/channel/\d{{1,20}}/cliplink/(?P<id>{_DIGITS})",
        rf"/embed/player/cliplink/(?P<id>{_DIGITS})",
    ),
    _rule(
        "weverse",
        {"weverse.io", "m.weverse.io"},
        r"/[A-Za-z0-9_-]{1,50}/(?:live|media)/(?P<id>\d-\d{1,20})",
    ),
    _rule("vlive", {"www.vlive.tv", "vlive.tv", "m.vlive.tv"}, rf"/video/(?P<id>{_DIGITS})"),
)


PLATFORMS = frozenset(rule.platform for rule in RULES)


def link_key(url: str) -> str:
    """The key under which a link is stored and found: `platform:id` for a link to content on
    a known platform, else its normalized URL (https). Raises InvalidURL as normalize_url
    does; never longer than LINK_KEY_MAX_LENGTH."""
    normalized = normalize_url(url)
    parts = urlsplit(normalized)
    # A platform on another port is not the platform; normalize_url has dropped default ports.
    if parts.port is None:
        params = parse_qs(parts.query, keep_blank_values=True)
        for rule in RULES:
            key = rule.match(parts.hostname or "", parts.path, params)
            if key is not None:
                return key
    key = "https" + normalized.removeprefix(parts.scheme)
    if len(key) > LINK_KEY_MAX_LENGTH:
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def key_platform(key: str) -> str | None:
    """The platform a key names (`youtube` for `youtube:ID`), or None for a key that is a
    normalized URL or its hash."""
    platform = key.split(":", 1)[0]
    return platform if platform in PLATFORMS else None
