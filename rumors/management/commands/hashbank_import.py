"""Add the hashes of a JSON-lines bank export to the never-host bank."""

import sys

from django.core.management.base import BaseCommand, CommandError

from rumors.services.bank import bank_import


class Command(BaseCommand):
    help = (
        "Add hashes from a JSON-lines export (pdq, quality, added_at) to the never-host bank. "
        "Hashes already banked are left alone, so it is safe to run again; bad lines are "
        "reported by number and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export to read, or - for standard input.")

    def handle(self, *args, file, **options):
        try:
            handle = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from exc
        try:
            result = bank_import(lines=handle)
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file} is not UTF-8 text.") from exc
        finally:
            if handle is not sys.stdin:
                handle.close()
        for error in result.errors:
            self.stderr.write(error)
        self.stdout.write(
            f"Added {result.added} hashes; {result.known} were already in the bank; "
            f"{len(result.errors)} lines skipped; {result.withheld} stored pictures withheld."
        )
        if result.errors:
            raise CommandError(f"{len(result.errors)} lines could not be read.")
