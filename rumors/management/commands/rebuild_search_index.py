from django.core.management.base import BaseCommand

from rumors.services.search_index import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Index every person's and work's names and every rumor's text for search again: after "
        "the migration that adds the index, or after names were changed outside the admin. "
        "Safe to re-run."
    )

    def handle(self, *args, **options):
        terms = search_index_rebuild()
        self.stdout.write(f"Indexed the names and the rumors ({terms} rumor terms).")
