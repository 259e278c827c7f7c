import re

import pytest

from rumors.tests.factories import RumorFactory, SourceFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db


def meta(body: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', body)
    return match.group(1) if match else None


def test_shared_link_previews_with_verdict_title_claim_and_thumbnail(client, settings):
    settings.SITE_URL = "https://jinjja.example"
    source = SourceFactory(thumbnail="thumbs/kiss.jpg")
    rumor = RumorFactory(
        title="Kiss clip", claim="They kissed.", verdict=Verdict.FALSE, with_source=source
    )
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert meta(body, "og:title") == "False: Kiss clip"
    assert meta(body, "og:description") == "They kissed."
    assert meta(body, "og:url") == f"https://jinjja.example{rumor.get_absolute_url()}"
    assert meta(body, "og:image") == "https://jinjja.example/media/thumbs/kiss.jpg"
    assert meta(body, "twitter:card") == "summary_large_image"
    assert meta(body, "twitter:image") == "https://jinjja.example/media/thumbs/kiss.jpg"


@pytest.mark.parametrize("on", ["source", "rumor"])
def test_sensitive_thumbnail_is_never_in_the_preview(client, on):
    source = SourceFactory(thumbnail="thumbs/deepfake.jpg", is_sensitive=on == "source")
    rumor = RumorFactory(with_source=source, is_sensitive=on == "rumor")
    body = client.get(rumor.get_absolute_url()).content.decode()
    assert meta(body, "og:image") is None and meta(body, "twitter:image") is None
    assert meta(body, "twitter:card") == "summary"
