"""The outbox: every mail the site sends is a row first (mail/models.py OutgoingMail).

`mail_queue` saves the row inside the caller's transaction and publishes its delivery after
commit; `mail_deliver` (the `mail.deliver` task) sends it through Django's EMAIL_BACKEND under a
row lock; `outbox_sweep` (a beat task) queues again the rows whose delivery was lost. Delivery is
at least once towards the mail server and exactly once as far as this database can tell: a
worker killed between the server's "250 OK" and the commit would send that one message again.
"""

import logging
import random
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from config.celery import app
from mail.models import OutgoingMail

logger = logging.getLogger(__name__)

DELIVER_TASK = "mail.deliver"


class MailNotSent(Exception):
    """A transient failure (the server down, a 4xx answer): try again after `countdown`."""

    def __init__(self, mail_id: int, countdown: float, error: str):
        super().__init__(f"mail {mail_id} not sent: {error}")
        self.countdown = countdown


def mail_queue(
    *,
    key: str,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
) -> OutgoingMail | None:
    """Record a mail in the current transaction and send it once that commits.

    Returns None when a mail with this key was already recorded (nothing new is sent)."""
    if not to:
        raise ValueError("a mail needs at least one recipient")
    if len(key) > OutgoingMail.KEY_MAX_LENGTH:
        raise ValueError(f"mail key longer than {OutgoingMail.KEY_MAX_LENGTH}: {key!r}")
    headers = {"Message-ID": make_msgid(domain=_message_domain()), **(headers or {})}
    with transaction.atomic():
        mail, created = OutgoingMail.objects.get_or_create(
            key=key,
            defaults={
                "to": list(to),
                "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
                "subject": " ".join(subject.split()),  # no line breaks in a header
                "body": body,
                "html_body": html_body,
                "headers": headers,
            },
        )
    if not created:
        return None
    transaction.on_commit(lambda: mail_enqueue_delivery(mail_id=mail.pk))
    return mail


def mail_enqueue_delivery(*, mail_id: int, countdown: float | None = None) -> bool:
    """Publish a delivery. A broker that is down loses nothing: the row stays unsent and the
    sweep queues it again. True if the broker took it."""
    try:
        app.send_task(DELIVER_TASK, (mail_id,), countdown=countdown)
    except OperationalError:
        logger.warning("broker unavailable; mail %s waits for the sweep", mail_id)
        return False
    return True


def mail_deliver(*, mail_id: int) -> bool:
    """Send one outbox row if it is still unsent. True if this call sent it.

    The row stays locked while the mail server answers: that lock is what keeps two workers
    (a retry and a sweep, or a message the broker delivered twice) from sending one mail twice.
    Nobody else writes these rows, and `skip_locked` makes a second sender go away at once
    instead of waiting, so the lock holds up no other work. EMAIL_TIMEOUT bounds the wait.

    Raises MailNotSent for a transient failure, after recording it on the row.
    """
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, sent_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if mail is None:
            return False  # sent, failed for good, gone, or being sent by another worker
        now = timezone.now()
        try:
            _message(mail).send()
        except TRANSIENT_ERRORS as exc:
            error = _describe(exc)
            if _is_permanent(exc):
                mail.failed_at, mail.last_error = now, error
                mail.attempts += 1
                mail.save(update_fields=["failed_at", "last_error", "attempts"])
                logger.error("mail %s refused for good: %s", mail_id, error)
                return False
            mail.attempts += 1
            countdown = retry_delay(mail.attempts)
            mail.send_after, mail.last_error = now + timedelta(seconds=countdown), error
            mail.save(update_fields=["attempts", "send_after", "last_error"])
        else:
            mail.sent_at, mail.last_error = now, ""
            mail.attempts += 1
            mail.save(update_fields=["sent_at", "last_error", "attempts"])
            return True
    # Raised after the atomic block, so that the failed attempt stays recorded.
    logger.warning("mail %s not sent (attempt %s): %s", mail_id, mail.attempts, error)
    raise MailNotSent(mail_id, countdown, error)


def outbox_sweep(*, now: datetime | None = None) -> int:
    """Queue again the unsent rows that are overdue by MAIL_SWEEP_GRACE: their message was
    lost (a broker outage when queued, a worker that died, retries used up). A row whose
    retry is merely scheduled is not yet overdue, so the sweep does not double it."""
    now = now or timezone.now()
    overdue = now - timedelta(seconds=settings.MAIL_SWEEP_GRACE)
    ids = list(
        OutgoingMail.objects.filter(
            sent_at__isnull=True, failed_at__isnull=True, send_after__lte=overdue
        )
        .order_by("send_after")
        .values_list("pk", flat=True)[: settings.MAIL_SWEEP_BATCH]
    )
    queued = 0
    for mail_id in ids:
        if not mail_enqueue_delivery(mail_id=mail_id):
            break
        # Not overdue again until this delivery had its chance.
        OutgoingMail.objects.filter(pk=mail_id, sent_at__isnull=True).update(send_after=now)
        queued += 1
    return queued


def outbox_purge(*, now: datetime | None = None) -> int:
    """Empty the rows of mail sent (or refused) more than MAIL_RETENTION_DAYS ago: addresses
    and texts are personal data (a reporter's address, what a member follows). The row and
    its key stay, so that the same mail is still never sent twice. Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.MAIL_RETENTION_DAYS)
    done = OutgoingMail.objects.exclude(to=[]).filter(
        Q(sent_at__lt=cutoff) | Q(failed_at__lt=cutoff)
    )
    return done.update(to=[], subject="", body="", html_body="", headers={})


def retry_delay(attempts: int) -> float:
    """Exponential backoff with full jitter over its upper half, capped."""
    base = settings.MAIL_RETRY_BACKOFF * 2 ** min(attempts - 1, 16)
    ceiling = min(settings.MAIL_RETRY_BACKOFF_MAX, base)
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 (not a secret)


# What a mail server that is down or busy looks like; _is_permanent picks out the refusals.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError)


def _is_permanent(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:1000]


def _message(mail: OutgoingMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.to,
        headers=mail.headers,
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    return message


def _message_domain() -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.SITE_URL).hostname or "localhost"
