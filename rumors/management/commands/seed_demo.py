from django.core.management.base import BaseCommand

from rumors.demo import DEMO_PASSWORD, MODERATORS, load_demo


class Command(BaseCommand):
    help = "Load the demo data set (idempotent: safe to run again)."

    def handle(self, *args, **options):
        result = load_demo()
        if result["rumors_added"]:
            self.stdout.write(self.style.SUCCESS(f"Loaded {result['rumors_added']} demo rumors."))
        else:
            self.stdout.write("Demo data already present; nothing to do.")
        self.stdout.write(
            f"Demo moderators: {', '.join(MODERATORS)} (password {DEMO_PASSWORD!r}, DEBUG only)."
        )
