from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One message of the outbox. It is saved in the transaction of the change that causes it
    and sent after commit (mail/services.py), so a rolled-back change sends nothing and a mail
    server that is down delays mail without losing it. `key` names what the mail is about
    ("notification:12", "report-outcome:7"): the same thing never makes two mails."""

    KEY_MAX_LENGTH = 200

    key = models.CharField(_("key"), max_length=KEY_MAX_LENGTH, unique=True)
    to = models.JSONField(_("to"), help_text=_("The recipients' addresses."))
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    # Message-ID included, chosen when queued, so that every attempt sends the same message.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Not before this time: pushed back by each failed attempt (the backoff).
    send_after = models.DateTimeField(_("send after"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The mail server refused the message for good (a refused recipient, a 5xx answer).
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        indexes = [
            # The sweep's query: unsent rows that are due.
            models.Index(
                fields=["send_after"],
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
                name="outgoing_mail_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.subject}"

    @property
    def is_pending(self) -> bool:
        return self.sent_at is None and self.failed_at is None
