"""Sources saved before link keys get the key of their link; of two whose links now share a
key, both stay and the older keeps the key, so a new submission meets it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.tests.factories import UserFactory
from rumors.models import Source, SourceKey
from rumors.services.rumors import DuplicateSubmission, rumor_submit
from rumors.tests.factories import RumorFactory

BEFORE = [("rumors", "0012_source_keys")]
AFTER = [("rumors", "0013_source_keys_for_existing_sources")]
YT = "dQw4w9WgXcQ"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_sources(transactional_db):
    """Sources as the site held them before the keys: each under its normalized URL only."""
    apps = migrate(BEFORE)
    OldSource = apps.get_model("rumors", "Source")
    links = [
        f"https://www.youtube.com/watch?v={YT}",
        f"https://www.youtube.com/embed/{YT}",
        "https://www.dispatch.co.kr/2291234",
        "http://www.dispatch.co.kr/2291234",
        "https://theqoo.net/square/1",
    ]
    ids = [OldSource.objects.create(url=u, normalized_url=u).pk for u in links]
    yield ids
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_each_existing_source_gets_the_key_of_its_link(old_sources):
    migrate(AFTER)
    keys = dict(SourceKey.objects.values_list("source_id", "key"))
    watch, embed, https, http, other = old_sources
    assert keys == {
        watch: f"youtube:{YT}",
        https: "https://www.dispatch.co.kr/2291234",
        other: "https://theqoo.net/square/1",
    }
    assert embed not in keys and http not in keys  # the younger of each colliding pair


def test_colliding_sources_both_stay_and_a_new_variant_meets_the_older(old_sources):
    # To the latest migration: the services below use today's models.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    watch, embed, *_ = old_sources
    first = RumorFactory(with_source=Source.objects.get(pk=watch))
    RumorFactory(with_source=Source.objects.get(pk=embed))
    with pytest.raises(DuplicateSubmission) as exc:
        rumor_submit(
            user=UserFactory(),
            url=f"https://youtube.com/live/{YT}",
            title="Live clip",
            claim="The same clip again.",
        )
    assert exc.value.rumor == first
    assert Source.objects.filter(pk__in=old_sources).count() == len(old_sources)
