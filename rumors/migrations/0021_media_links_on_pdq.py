"""Similar media moves from the 64-bit dHash M2M (Source.similar) to MediaLink rows on PDQ.

The old pairs carry no PDQ distance: it is recomputed where both sources have a usable PDQ
hash, and the pair kept as `auto` or `suggested` by the thresholds of the day; pairs without
two hashes, or past MEDIA_MATCH_LIKELY_BITS, are dropped (a dHash near-match is not a PDQ
match). The dHash itself goes: PDQ decides every match now."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MIN_QUALITY = 50


def links_from_similar(apps, schema_editor):
    Source = apps.get_model("rumors", "Source")
    MediaLink = apps.get_model("rumors", "MediaLink")
    pairs = Source.similar.through.objects.values_list("from_source_id", "to_source_id")
    pairs = {tuple(sorted(pair)) for pair in pairs if pair[0] != pair[1]}
    ids = {pk for pair in pairs for pk in pair}
    hashes = {
        pk: pdq
        for pk, pdq, quality in Source.objects.filter(pk__in=ids)
        .exclude(pdq="")
        .values_list("pk", "pdq", "pdq_quality")
        if quality is not None and quality >= MIN_QUALITY
    }
    links = []
    for a, b in sorted(pairs):
        if a not in hashes or b not in hashes:
            continue
        bits = (int(hashes[a], 16) ^ int(hashes[b], 16)).bit_count()
        if bits <= settings.MEDIA_MATCH_SAME_BITS:
            state = "auto"
        elif bits <= settings.MEDIA_MATCH_LIKELY_BITS:
            state = "suggested"
        else:
            continue
        links.append(MediaLink(source_a_id=a, source_b_id=b, distance=bits, state=state))
    MediaLink.objects.bulk_create(links, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("rumors", "0020_moderator_discussion"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="timelineevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("submitted", "Submitted"),
                    ("source_fetched", "Source fetched"),
                    ("source_failed", "Source could not be fetched"),
                    ("source_gone", "Source went offline"),
                    ("evidence_proposed", "Evidence proposed"),
                    ("evidence_added", "Evidence added"),
                    ("evidence_rejected", "Evidence rejected"),
                    ("vote_cast", "Vote cast"),
                    ("vote_changed", "Vote changed"),
                    ("verdict_reached", "Verdict reached"),
                    ("disputed", "Disputed"),
                    ("reopened", "Reopened"),
                    ("rejected", "Rejected as spam"),
                    ("marked_sensitive", "Marked sensitive"),
                    ("unmarked_sensitive", "No longer marked sensitive"),
                    ("edited", "Edited"),
                    ("reported", "Reported"),
                    ("report_decided", "Report decided"),
                    ("media_hidden", "Media withheld after a report"),
                    ("media_restored", "Media restored"),
                    ("withdrawn", "Withdrawn"),
                    ("held", "Held while it is reviewed"),
                    ("released", "Hold lifted"),
                    ("redacted", "Edited by a moderator"),
                    ("appealed", "Appealed by its submitter"),
                    ("merged", "Merged"),
                    ("merge_suggested", "Possibly the same clip as another rumor"),
                    ("media_link_confirmed", "Similar media confirmed"),
                    ("media_link_split", "Similar media split"),
                ],
                max_length=20,
            ),
        ),
        migrations.CreateModel(
            name="MediaLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("distance", models.PositiveSmallIntegerField(verbose_name="distance in bits")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("auto", "Linked automatically"),
                            ("suggested", "Suggested to moderators"),
                            ("confirmed", "Confirmed by a moderator"),
                            ("split", "Split by a moderator"),
                        ],
                        max_length=10,
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "source_a",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="rumors.source",
                    ),
                ),
                (
                    "source_b",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="rumors.source",
                    ),
                ),
            ],
            options={
                "ordering": ["distance", "id"],
                "indexes": [models.Index(fields=["source_b"], name="media_link_source_b")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("source_a", "source_b"), name="media_link_once"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("source_a__lt", models.F("source_b"))),
                        name="media_link_lower_id_first",
                    ),
                ],
            },
        ),
        migrations.RunPython(links_from_similar, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="source",
            name="image_hash",
        ),
        migrations.RemoveField(
            model_name="source",
            name="similar",
        ),
    ]
