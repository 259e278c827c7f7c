from django.conf import settings
from django.core.management.base import BaseCommand

from rumors.services.reports import reports_purge_personal_data


class Command(BaseCommand):
    help = (
        "Blank reporters' email and IP addresses on reports decided more than "
        "REPORT_RETENTION_DAYS days ago. Run daily; safe to re-run."
    )

    def handle(self, *args, **options):
        count = reports_purge_personal_data()
        days = settings.REPORT_RETENTION_DAYS
        self.stdout.write(f"Purged the addresses of {count} reports decided over {days} days ago.")
