"""Fuzzing: whatever a member pastes, link_key either refuses it as InvalidURL or returns a key
the SourceKey column can hold (bounded, no NUL), and platform keys carry only the characters
their platform's ids use. Derandomized and bounded, like the other fuzz tests."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rumors.fetchers.linkkeys import LINK_KEY_MAX_LENGTH, RULES, link_key
from rumors.fetchers.urls import InvalidURL

FUZZ = settings(derandomize=True, database=None, deadline=None, max_examples=400)

PLATFORM_KEY = re.compile(r"[a-z]+:[A-Za-z0-9_.:~/-]{1,330}")
HOSTS = sorted({host for rule in RULES for host in rule.hosts} | {"youtu.be", "example.org"})
PIECES = [
    "/", "?", "&", "=", "#", "@", ":", "%", "%00", "%2F", "..", "//", "v=", "watch", "status",
    "photo", "video", "p", "reel", "embed", "live", "comments", "post", "profile", "article",
    "read", "PostView.naver", "blogId=", "logNo=", "oid=", "aid=", ".html", "가", "\u202e",
    "\ufffd", " ", "\t", "\x00", "[", "]", "0", "1", "123", "dQw4w9WgXcQ", "C1a2B3c4D5e", "0-123",
]  # fmt: skip
ODD_AUTHORITIES = ["", "user:pw@", ":8080", ":0", ":99999", ":abc", ".", "..", "xn--"]


@st.composite
def hostile_links(draw):
    scheme = draw(st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "", "//"]))
    host = draw(st.sampled_from([*HOSTS, "연예.한국", "[::1]", "127.0.0.1", ""]))
    authority = draw(st.sampled_from(ODD_AUTHORITIES))
    if authority.endswith("@"):
        host = authority + host
    else:
        host += authority
    path = "".join(draw(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=12)))
    return scheme + host + path


@FUZZ
@given(hostile_links())
def test_a_hostile_link_is_refused_or_keyed_within_bounds(url):
    try:
        key = link_key(url)
    except InvalidURL:
        return
    assert 0 < len(key) <= LINK_KEY_MAX_LENGTH and "\x00" not in key
    if not key.startswith(("https://", "sha256:")):
        assert PLATFORM_KEY.fullmatch(key), key


@FUZZ
@given(st.text(max_size=300))
def test_any_text_is_refused_or_keyed_within_bounds(text):
    try:
        key = link_key(text)
    except InvalidURL:
        return
    assert 0 < len(key) <= LINK_KEY_MAX_LENGTH
