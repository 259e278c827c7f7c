"""The migration from dHash's Source.similar to MediaLink: a pair whose two sources have PDQ
hashes gets its distance and tier; a pair without two hashes, or past the likely tier, goes."""

import io

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

from rumors.matching import hash_image
from rumors.models import MediaLink
from rumors.tests.images import brightened, fixture_image, reencoded

BEFORE = [("rumors", "0020_moderator_discussion")]
AFTER = [("rumors", "0021_media_links_on_pdq")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def pdq_of(data: bytes):
    with Image.open(io.BytesIO(data)) as image:
        return hash_image(image)


@pytest.fixture
def old_pairs(transactional_db):
    apps = migrate(BEFORE)
    OldSource = apps.get_model("rumors", "Source")
    promo = hash_image(fixture_image("promo-still.jpg"))
    hashes = {
        "promo": promo,
        "copy": pdq_of(reencoded("promo-still.jpg", scale=0.5)),
        "bright": pdq_of(brightened("promo-still.jpg")),
        "fake": hash_image(fixture_image("viral-clip-frame.jpg")),
    }
    rows = {
        name: OldSource.objects.create(
            url=f"https://example.com/{name}",
            normalized_url=f"https://example.com/{name}",
            pdq=value.pdq,
            pdq_quality=value.quality,
            image_hash="0123456789abcdef",
        )
        for name, value in hashes.items()
    }
    rows["unhashed"] = OldSource.objects.create(
        url="https://example.com/old", normalized_url="https://example.com/old"
    )
    for other in ("copy", "bright", "fake", "unhashed"):
        rows["promo"].similar.add(rows[other])
    yield {name: row.pk for name, row in rows.items()}
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_pairs_get_their_pdq_distance_and_tier_or_go(old_pairs):
    migrate(AFTER)
    links = {
        (link.source_a_id, link.source_b_id): (link.state, link.distance)
        for link in MediaLink.objects.all()
    }
    promo = old_pairs["promo"]
    assert set(links) == {(promo, old_pairs["copy"]), (promo, old_pairs["bright"])}
    state, bits = links[(promo, old_pairs["copy"])]
    assert state == "auto" and bits <= 12
    state, bits = links[(promo, old_pairs["bright"])]
    assert state == "suggested" and 12 < bits <= 31
