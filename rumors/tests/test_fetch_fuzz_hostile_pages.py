"""Fuzzing: generated hostile pages never make the metadata reader raise or return a value the
Source fields cannot hold, and every fetch of one (against a local server) ends in a recorded
state, without falling back on the catch-all for unforeseen errors.

Bounded for `make test`: a fixed number of examples, derandomized (the same cases each run, so
it cannot flake), no example database written. `--hypothesis-show-statistics` shows the counts.
"""

import html
import json
import math
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rumors.fetchers.metadata import read_page
from rumors.models import Source
from rumors.services.sources import source_fetch
from rumors.tests.factories import SourceFactory

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY_STRINGS = [
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\ud800",
    "\ufffe",
    "\u202e",
    "Infinity",
    "-Infinity",
    "NaN",
    "1e400",
    "12345678901234567890",
    "-1",
    "PT99999999999999999H",
    "P99999999999D",
    "PT1.5.5S",
    "2024-05-01T10:00:00+23:30",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+14:00",
    "Tue, 31 Dec 9999 23:59:59 +9959",
    "2024.13.45",
    "http://[::1",
    "http://example.com:99999/x",
    "javascript:alert(1)",
    "&amp;#0;",
    "&#x0;&#xD800;",
    "x" * 6000,
]
text = st.one_of(st.sampled_from(NASTY_STRINGS), st.text(st.characters(codec=None), max_size=40))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    text,
)
LD_KEYS = [
    "@type",
    "@graph",
    "name",
    "headline",
    "description",
    "articleBody",
    "datePublished",
    "uploadDate",
    "duration",
    "thumbnailUrl",
    "image",
    "contentUrl",
    "embedUrl",
    "author",
    "creator",
    "publisher",
    "inLanguage",
]
LD_TYPES = st.sampled_from(["VideoObject", "NewsArticle", "Clip", "Movie", ["Article", "Clip"]])
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(LD_KEYS) | text, children, max_size=5)
    ),
    max_leaves=20,
)
ld_objects = st.fixed_dictionaries(
    {"@type": LD_TYPES}, optional={key: json_values for key in LD_KEYS[1:]}
)
META_KEYS = [
    "og:title",
    "og:description",
    "og:url",
    "og:site_name",
    "og:locale",
    "og:video",
    "og:image",
    "article:published_time",
    "article:author",
    "video:duration",
    "twitter:title",
    "twitter:image",
    "description",
    "author",
    "date",
    "duration",
]


@st.composite
def hostile_pages(draw) -> bytes:
    parts = ["<html"]
    if draw(st.booleans()):
        parts.append(f' lang="{html.escape(draw(text))}"')
    parts.append("><head>")
    for _ in range(draw(st.integers(0, 2))):
        if draw(st.integers(0, 9)) == 0:
            body = "[" * draw(st.integers(1500, 5000))  # nesting beyond reason
        else:
            body = json.dumps(draw(ld_objects | json_values), allow_nan=True)
        parts.append(f'<script type="application/ld+json">{body}</script>')
    for key in draw(st.lists(st.sampled_from(META_KEYS), max_size=8)):
        parts.append(f'<meta property="{key}" content="{html.escape(draw(text))}">')
    if draw(st.booleans()):
        parts.append(f"<title>{html.escape(draw(text))}</title>")
    if draw(st.booleans()):
        parts.append(f'<link rel="canonical" href="{html.escape(draw(text))}">')
    parts.append("</head><body>")
    parts.append(draw(text))
    parts.append("</body></html>")
    # surrogatepass: lone surrogates become bytes that are not UTF-8, as a broken page's are.
    return "".join(parts).encode("utf-8", errors="surrogatepass")


LIMITS = {"title": 500, "site_name": 200, "author": 300, "language": 35}
URL_FIELDS = ("canonical_url", "image_url", "video_url")


def assert_storable(page) -> None:
    for name, limit in LIMITS.items():
        assert len(getattr(page, name)) <= limit
    for name in (*LIMITS, "description", *URL_FIELDS):
        value = getattr(page, name)
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in value), name
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in value), name
    for name in URL_FIELDS:
        assert len(getattr(page, name)) <= 2000
    assert page.duration is None or timedelta(0) <= page.duration <= timedelta(days=7)
    if page.published_at is not None:
        assert page.published_at.utcoffset() == timedelta(0)
        assert datetime(1900, 1, 1, tzinfo=UTC) <= page.published_at
    stored = json.dumps(page.structured_data, allow_nan=False)
    assert "\\u0000" not in stored


metadata_cases = count()


@settings(FUZZ, max_examples=300)
@given(page=hostile_pages())
def test_metadata_reader_returns_storable_values_for_any_page(page):
    next(metadata_cases)
    assert_storable(read_page(page, url="https://example.com/clip"))


fetch_cases = count()
STATUSES = st.sampled_from([200, 200, 200, 200, 404, 410, 429, 500, 503])
RETRY_AFTER = st.one_of(
    st.none(), st.sampled_from(["1e12", "inf", "nan", "-5", "Fri, 31 Dec 9999 23:59:59 GMT"]), text
)


@pytest.mark.django_db
@pytest.mark.usefixtures("celery_test_queue")
@settings(FUZZ, max_examples=150)
@given(page=hostile_pages(), status=STATUSES, retry_after=RETRY_AFTER)
def test_every_fetch_of_a_hostile_page_ends_in_a_recorded_state(
    site,
    page,
    status,
    retry_after,
):
    n = next(fetch_cases)
    headers = {}
    if retry_after is not None:
        headers["Retry-After"] = retry_after.encode("latin-1", errors="replace").decode("latin-1")
    url = site.add(f"/page-{n}", page, status=status, headers=headers)
    source = SourceFactory(url=url)
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_started_at is None, "left for the sweep"
    if source.fetch_state == Source.State.PENDING:
        assert source.next_attempt_at is not None
        assert math.isfinite(source.next_attempt_at.timestamp())
    # Every value was dealt with at the boundary: nothing reached the catch-all.
    assert "could not be read" not in source.last_error, source.last_error
