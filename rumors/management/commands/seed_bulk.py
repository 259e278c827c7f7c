import time

from django.core.management.base import BaseCommand, CommandError

from rumors.synthetic import BulkSizes, seed_bulk


class Command(BaseCommand):
    help = (
        "Append a large synthetic data set for load tests: N rumors with people, works, "
        "sources, votes and timeline events (each run adds a new, separately named batch)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rumors", type=int, required=True, help="how many rumors (N)")
        parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")

    def handle(self, *args, rumors, seed, **options):
        if rumors < 1:
            raise CommandError("--rumors must be at least 1.")
        sizes = BulkSizes.for_rumors(rumors)
        self.stdout.write(
            f"Seeding {rumors} rumors ({sizes.people} people, {sizes.works} works, "
            f"about {sizes.sources} sources, {sizes.votes} votes, {sizes.events} events)..."
        )
        began = time.monotonic()
        counts = seed_bulk(
            rumors=rumors,
            seed=seed,
            progress=lambda line: self.stdout.write(f"  {line} ({time.monotonic() - began:.1f}s)"),
        )
        batch = counts.pop("batch")
        summary = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Batch bulk{batch} written in {time.monotonic() - began:.1f}s: {summary}."
            )
        )
