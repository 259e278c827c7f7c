"""URL normalization: the form in which a link is stored; rumors/fetchers/linkkeys.py makes the
key a link is found under from it."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track who shared a link, not what it points to.
_TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "igshid",
    "igsh",
    "mc_cid",
    "mc_eid",
    "ref_src",
    "ref_url",
    "si",
    "feature",
    "s",
    "t_",
    "share_id",
    "_t",
    "_r",
    "spm",
    "from",
    "wt_mc",
}
_TRACKING_PREFIXES = ("utm_",)

# Hosts that serve the same pages under several names.
_HOST_ALIASES = {
    "youtube.com": "www.youtube.com",
    "m.youtube.com": "www.youtube.com",
    "music.youtube.com": "www.youtube.com",
    "twitter.com": "x.com",
    "www.twitter.com": "x.com",
    "mobile.twitter.com": "x.com",
    "mobile.x.com": "x.com",
    "www.x.com": "x.com",
    "instagram.com": "www.instagram.com",
    "m.tiktok.com": "www.tiktok.com",
    "tiktok.com": "www.tiktok.com",
    "old.reddit.com": "www.reddit.com",
    "reddit.com": "www.reddit.com",
    "m.reddit.com": "www.reddit.com",
    "m.blog.naver.com": "blog.naver.com",
    "m.entertain.naver.com": "entertain.naver.com",
}


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidURL(ValueError):
    pass


def normalize_url(url: str) -> str:
    """Return the key under which a link is stored: scheme and host lower-cased, default ports,
    fragments and tracking parameters dropped, known host aliases and short links unfolded."""
    url = url.strip()
    # Pages and forms refuse NUL already; a key must hold none either way (PostgreSQL cannot
    # store it), nor other control characters. urlsplit itself drops tabs and newlines.
    if _CONTROL.search(url):
        raise InvalidURL("The link contains control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidURL(f"This is not a valid link: {exc}.") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidURL("Only http and https links can be submitted.")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise InvalidURL("The link has no host name.")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidURL("The link's host name is not valid.") from exc
    host = _HOST_ALIASES.get(host, host)
    path = parts.path or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _TRACKING_PARAMS and not k.lower().startswith(_TRACKING_PREFIXES)
    ]

    if host == "youtu.be" and len(path) > 1:
        query = [("v", path.lstrip("/").split("/")[0])] + [(k, v) for k, v in query if k != "v"]
        host, path = "www.youtube.com", "/watch"
    elif host == "www.youtube.com" and path.startswith("/shorts/"):
        query = [("v", path.split("/")[2])] + [(k, v) for k, v in query if k != "v"]
        path = "/watch"
    if host == "www.youtube.com" and path == "/watch":
        # Only the video id names the video; a start time or playlist does not.
        query = [(k, v) for k, v in query if k == "v"]

    if len(path) > 1:
        path = path.rstrip("/") or "/"
    netloc = host
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))
