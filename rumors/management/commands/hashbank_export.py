"""Write the never-host bank as JSON lines, hashes only: `pdq`, `quality`, `added_at`."""

import json

from django.core.management.base import BaseCommand

from rumors.selectors.bank import bank_export_rows


class Command(BaseCommand):
    help = (
        "Write the never-host bank as JSON lines (pdq, quality, added_at; no images) to a file "
        "or standard output, to share it with other services."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="A file to write (default: standard output).")

    def handle(self, *args, output=None, **options):
        count = 0
        out = open(output, "w", encoding="utf-8") if output else None  # noqa: SIM115
        try:
            for row in bank_export_rows():
                line = json.dumps(row, sort_keys=True) + "\n"
                if out:
                    out.write(line)
                else:
                    self.stdout.write(line, ending="")
                count += 1
        finally:
            if out:
                out.close()
        self.stderr.write(f"Exported {count} hashes.")
