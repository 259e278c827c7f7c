"""The API gives a link's platform, its author and the author's handle apart, and names no
account for a link withheld after a report."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _source(**fields):
    return SourceFactory(
        fetch_state="fetched",
        site_name="X (formerly Twitter)",
        platform="X",
        author="드라마 찌라시",
        author_handle="drama_jjirasi",
        published_at=datetime(2024, 3, 2, 9, 3, 21, tzinfo=UTC),
        **fields,
    )


def test_source_gives_platform_author_and_handle_apart(api):
    source = _source()
    RumorFactory(with_source=source)
    body = api.get(f"/api/v1/sources/{source.pk}/").json()
    assert (body["platform"], body["author"], body["author_handle"]) == (
        "X",
        "드라마 찌라시",
        "drama_jjirasi",
    )
    assert body["published_at"] == "2024-03-02T09:03:21Z"


def test_rumor_detail_lists_its_sources_with_their_author(api):
    rumor = RumorFactory(with_source=_source())
    body = api.get(f"/api/v1/rumors/{rumor.pk}/").json()
    assert body["sources"][0]["author_handle"] == "drama_jjirasi"


def test_withheld_source_names_no_account(api):
    source = _source()
    source.media_hidden_at = timezone.now()
    source.save(update_fields=["media_hidden_at"])
    RumorFactory(with_source=source)
    body = api.get(f"/api/v1/sources/{source.pk}/").json()
    assert body["media_withheld"] is True
    assert body["author"] is None and body["author_handle"] is None
    assert body["platform"] == "X"
