"""Give every existing source the key of its link. Two existing sources whose links now share
a key both stay (with their rumors): the older one takes the key, so only new submissions
meet it, and merging them is left to moderators (a later step)."""

from django.db import migrations

# The key function is pure and takes no models, so calling today's rules here is safe.
from rumors.fetchers.linkkeys import link_key
from rumors.fetchers.urls import InvalidURL

BATCH = 2000


def _key(url: str, normalized_url: str) -> str | None:
    for candidate in (url, normalized_url):
        try:
            return link_key(candidate)
        except InvalidURL:
            continue
    return None


def add_keys(apps, schema_editor):
    Source = apps.get_model("rumors", "Source")
    SourceKey = apps.get_model("rumors", "SourceKey")
    rows = Source.objects.order_by("id").values_list("id", "url", "normalized_url")
    batch = []
    for source_id, url, normalized_url in rows.iterator(chunk_size=BATCH):
        key = _key(url, normalized_url)
        if key is not None:
            batch.append(SourceKey(source_id=source_id, key=key))
        if len(batch) >= BATCH:
            # In id order, a conflicting key is skipped: the older source keeps it.
            SourceKey.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    SourceKey.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("rumors", "0012_source_keys")]

    operations = [migrations.RunPython(add_keys, migrations.RunPython.noop)]
