"""The rumor page says who posted the clip first and when, from the earliest source; each
source card names its author with the handle, the platform and the date. A withheld link's
account is named nowhere."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from config.languages import in_language
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db

EARLY = datetime(2024, 3, 2, 9, 3, 21, tzinfo=UTC)
LATE = datetime(2024, 3, 3, 14, 25, tzinfo=UTC)


def _source(**fields):
    return SourceFactory(fetch_state="fetched", **fields)


def _header(body: str) -> str:
    article = body[body.index('<article class="rumor"') :]
    return article[: article.index("</header>")]


def test_rumor_page_names_who_posted_first_and_when(client):
    rumor = RumorFactory(
        with_source=_source(author="Repost Bot", author_handle="repostbot", published_at=LATE)
    )
    rumor.sources.add(
        _source(
            author="드라마 찌라시",
            author_handle="drama_jjirasi",
            platform="X",
            site_name="X (formerly Twitter)",
            published_at=EARLY,
        ),
        _source(author="No date at all"),
    )
    header = _header(client.get(rumor.get_absolute_url()).content.decode())
    who = "드라마 찌라시 (@drama_jjirasi)"
    assert f'First posted by {who} on <time datetime="2024-03-02T09:03:21+00:00">' in header
    assert "X (formerly Twitter)" in header and "repostbot" not in header


def test_first_post_without_an_author_still_gives_its_date(client):
    rumor = RumorFactory(
        with_source=_source(published_at=EARLY, site_name="OSEN", platform="Naver")
    )
    header = _header(client.get(rumor.get_absolute_url()).content.decode())
    assert "First posted on <time" in header and "OSEN · Naver" in header


def test_rumor_page_says_nothing_of_a_first_post_when_no_source_is_dated(client):
    body = client.get(RumorFactory(with_source=_source(author="Someone")).get_absolute_url())
    assert "First posted" not in body.content.decode()


def test_withheld_earliest_source_is_passed_over_and_its_account_not_named(client):
    withheld = _source(author="Private Person", author_handle="private.person", published_at=EARLY)
    withheld.media_hidden_at = timezone.now()
    withheld.save(update_fields=["media_hidden_at"])
    rumor = RumorFactory(with_source=withheld)
    rumor.sources.add(_source(author="Agency", author_handle="agency_kr", published_at=LATE))
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert "First posted by Agency (@agency_kr)" in _header(body)
    assert "Private Person" not in body and "private.person" not in body


def test_source_card_shows_author_handle_platform_and_date(client):
    source = _source(
        title="Itaewon Class behind the scenes",
        author="다미러버",
        author_handle="damilover_ig",
        site_name="TikTok",
        platform="TikTok",
        published_at=EARLY,
    )
    body = client.get(RumorFactory(with_source=source).get_absolute_url()).content.decode()
    card = body[body.index(f'id="source-{source.pk}"') :]
    card = card[: card.index("</article>")]
    assert "TikTok · " in card and "TikTok · TikTok" not in card
    assert "posted by 다미러버 (@damilover_ig)" in card
    assert '<time datetime="2024-03-02T09:03:21+00:00">' in card


def test_korean_reader_gets_the_first_post_line_in_korean(client):
    rumor = RumorFactory(with_source=_source(author="Agency", published_at=EARLY))
    body = client.get(in_language(rumor.get_absolute_url(), "ko")).content.decode()
    assert "최초 게시: Agency, <time" in _header(body)
    assert "First posted" not in body
