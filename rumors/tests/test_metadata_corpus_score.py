"""The extractor reads back what the saved pages of each platform state about themselves: at
least 90% of all the fields, and on every page who posted it and when."""

import pytest

from rumors.tests.metadata_corpus import FIELDS, checks, corpus, percent

PLATFORMS = {
    "YouTube",
    "X",
    "Instagram",
    "TikTok",
    "Facebook",
    "Reddit",
    "Bluesky",
    "Naver",
    "Naver Blog",
    "Naver TV",
    "Daum",
    "Weverse",
}


def test_corpus_scores_at_least_ninety_percent_of_the_fields_pages_state():
    results = checks()
    assert len(results) >= 200
    assert percent(results) >= 90.0, [r for r in results if not r.matched]


@pytest.mark.parametrize("page", sorted(corpus()))
def test_every_saved_page_gives_who_posted_it_and_when(page):
    found = {r.field: r for r in checks() if r.page == page}
    for field in ("author", "published_at"):
        assert field in found, f"{page}.expected.json states no {field}"
        assert found[field].matched, found[field]


def test_corpus_holds_each_platform_and_news_sites_off_any_platform():
    platforms = [spec["fields"].get("platform", "") for spec in corpus().values()]
    assert PLATFORMS <= set(platforms)
    assert platforms.count("") >= 4


def test_expected_values_name_only_scored_fields():
    for name, spec in corpus().items():
        assert set(spec["fields"]) <= set(FIELDS), name
        assert spec["url"].startswith("https://"), name
