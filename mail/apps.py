from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "mail"
    verbose_name = _("Outgoing mail")

    def ready(self):
        from mail import checks  # noqa: F401  (registers the deploy check)
