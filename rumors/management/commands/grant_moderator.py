from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.services import user_set_moderator


class Command(BaseCommand):
    help = "Make a user a moderator (or, with --revoke, a member again). Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="Take the moderator role away.")

    def handle(self, *args, username, revoke, **options):
        try:
            user = user_set_moderator(username=username, is_moderator=not revoke)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        role = "a member" if revoke else "a moderator"
        self.stdout.write(self.style.SUCCESS(f"{user.username} is now {role}."))
