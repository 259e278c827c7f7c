"""A link withheld after a report that is fetched again (a recheck finds a new picture) keeps
its new thumbnail files out of reach of /media/ as well."""

import pytest
from django.utils import timezone

from rumors.models import Source
from rumors.services.sources import source_fetch
from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.tests.test_source_thumbnails import page_with_image


@pytest.mark.django_db
def test_new_thumbnails_of_a_withheld_link_are_held(site, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path / "media"
    site.add("/page", page_with_image("/still.jpg"))
    site.add_image("/still.jpg", "promo-still.jpg", content_type="image/jpeg")
    source = SourceFactory(url=site.url("/page"), media_hidden_at=timezone.now())
    RumorFactory(with_source=source)
    source_fetch(source_id=source.pk)
    source.refresh_from_db()
    assert source.fetch_state == Source.State.FETCHED and source.thumbnail
    for name in source.media_files():
        assert not (settings.MEDIA_ROOT / name).exists()
        assert (settings.MEDIA_HELD_ROOT / name).exists()
        assert client.get(f"/media/{name}").status_code == 404
