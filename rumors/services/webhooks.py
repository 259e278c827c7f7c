"""Webhooks: members' receivers of the public timeline, and the deliveries to them.

The contract (README, "Webhooks"): each public timeline event a webhook asks for is POSTed as
the JSON of `GET /api/v1/timeline/`, signed with the webhook's secret, at least once and in no
promised order. How it holds:
- a delivery row is written in the same transaction as its event (`webhooks_fan_out`, called
  by timeline_append), so an event that commits has its deliveries, and a broker that is down
  delays them but loses none: the sweep queues what is due;
- an attempt first claims its row for a lease (one conditional UPDATE), so two workers never
  send one delivery at once; the delivery id is the same on every attempt, for receivers to
  drop repeats;
- what the public cannot see when an attempt is due is not sent (the one visibility rule,
  TimelineEvent.objects.visible_to an anonymous reader);
- the POST goes through the fetcher's address checks (a webhook can never reach an internal
  address), with a short timeout and at most WEBHOOK_PER_HOST_CONCURRENCY in flight per
  receiver host, so a slow or dead receiver holds few of the worker's threads;
- timeouts, connection errors, 429 and 5xx are tried again with backoff for up to
  WEBHOOK_RETRY_HOURS; a webhook failing that long is disabled and its owner told by mail.
"""

import hashlib
import hmac
import json
import logging
import random
import secrets
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from mail.services import mail_queue
from rumors.fetchers import http
from rumors.models import Person, TimelineEvent, Webhook, WebhookDelivery, Work
from rumors.services import queue

logger = logging.getLogger(__name__)

# The kinds a webhook may ask for: every kind the public timeline can show.
SUBSCRIBABLE_KINDS = tuple(
    kind for kind in TimelineEvent.Kind.values if kind not in TimelineEvent.MODERATOR_KINDS
)
# How much of a receiver's answer is kept for its owner to read.
ANSWER_EXCERPT_BYTES = 500
SWEEP_BATCH = 500
# A delivery whose receiver host has WEBHOOK_PER_HOST_CONCURRENCY in flight waits this long,
# without holding a thread and without counting as an attempt.
BUSY_RETRY_SECONDS = 0.5


def _lease() -> timedelta:
    """How long an attempt owns its delivery: past the POST's deadline with room to record."""
    return timedelta(seconds=settings.WEBHOOK_TIMEOUT * 2 + 30)


def webhook_check_url(url: str) -> str:
    """The URL if a webhook may POST to it: http(s), a public host name, and every address it
    resolves to on the public internet (checked again at each delivery)."""
    try:
        _scheme, host, port = http.check_url(http.as_uri(url))
        http.resolve_checked(host, port)
    except http.FetchRefused as exc:
        message = _("Webhooks only reach the public internet: %(reason)s")
        raise ValidationError({"url": message % {"reason": exc.reason}}) from exc
    except http.FetchError as exc:
        message = _("The webhook's host could not be found: %(reason)s")
        raise ValidationError({"url": message % {"reason": exc.reason}}) from exc
    return url


def _check_events(events: list[str]) -> list[str]:
    events = list(dict.fromkeys(events))
    if not events:
        raise ValidationError({"events": _("Name at least one kind of event, or “*” for all.")})
    if Webhook.ANY_EVENT in events:
        return [Webhook.ANY_EVENT]
    unknown = [kind for kind in events if kind not in SUBSCRIBABLE_KINDS]
    if unknown:
        raise ValidationError(
            {"events": _("Unknown event kinds: %(kinds)s.") % {"kinds": ", ".join(unknown)}}
        )
    return events


def webhook_create(
    *,
    owner: User,
    url: str,
    events: list[str],
    person: Person | None = None,
    work: Work | None = None,
) -> Webhook:
    """A new webhook; its `secret` is readable on the returned row, the one time it is shown."""
    if not owner.is_authenticated:
        raise PermissionDenied(_("Sign in to register webhooks."))
    events = _check_events(events)
    webhook_check_url(url)
    with transaction.atomic():
        # The owner's row, locked: two requests at once cannot pass the cap together.
        User.objects.select_for_update().get(pk=owner.pk)
        if Webhook.objects.filter(owner=owner).count() >= Webhook.MAX_PER_OWNER:
            raise ValidationError(
                _("You have %(max)d webhooks already: delete one first.")
                % {"max": Webhook.MAX_PER_OWNER}
            )
        return Webhook.objects.create(
            owner=owner,
            url=url,
            events=events,
            person=person,
            work=work,
            secret=secrets.token_hex(32),
        )


def webhook_update(*, webhook: Webhook, **changes) -> Webhook:
    """Change a webhook's url, events, person or work; `enabled=True` turns a disabled one on
    again (its failures forgotten)."""
    if "events" in changes:
        changes["events"] = _check_events(changes["events"])
    if "url" in changes:
        webhook_check_url(changes["url"])
    enabled = changes.pop("enabled", None)
    fields = list(changes)
    for name, value in changes.items():
        setattr(webhook, name, value)
    if enabled is True and webhook.disabled_at:
        webhook.disabled_at, webhook.disabled_reason, webhook.failing_since = None, "", None
        fields += ["disabled_at", "disabled_reason", "failing_since"]
    elif enabled is False and not webhook.disabled_at:
        webhook.disabled_at, webhook.disabled_reason = timezone.now(), _("Turned off by its owner.")
        fields += ["disabled_at", "disabled_reason"]
    if fields:
        webhook.save(update_fields=fields)
    return webhook


def webhook_delete(*, webhook: Webhook) -> None:
    webhook.delete()


def webhooks_fan_out(*, event: TimelineEvent) -> None:
    """A delivery for each active webhook that asks for this event; call inside the
    transaction that appends it (timeline_append). Queued once it commits."""
    if event.kind in TimelineEvent.MODERATOR_KINDS:
        return
    wanting = [
        hook
        for hook in Webhook.objects.filter(disabled_at__isnull=True).only(
            "id", "events", "person_id", "work_id"
        )
        if hook.wants(event.kind)
    ]
    if any(hook.person_id or hook.work_id for hook in wanting):
        rumor = event.rumor
        people = set(rumor.people.values_list("id", flat=True))
        works = set(rumor.works.values_list("id", flat=True))
        wanting = [
            hook
            for hook in wanting
            if (not hook.person_id or hook.person_id in people)
            and (not hook.work_id or hook.work_id in works)
        ]
    if not wanting:
        return
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(webhook_id=hook.pk, event=event, delivery_id=uuid.uuid4())
            for hook in wanting
        ]
    )
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: [queue.webhook_enqueue_delivery(delivery_id=pk) for pk in ids])


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """X-Jinjja-Signature: the hex HMAC-SHA256 of "<timestamp>.<body>" with the secret."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _backoff(attempts: int) -> float:
    delay = min(settings.WEBHOOK_RETRY_MAX, settings.WEBHOOK_RETRY_BASE * 2 ** (attempts - 1))
    return delay * random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not a secret


def delivery_attempt(*, delivery_id: int, render: Callable[[TimelineEvent], dict]) -> str:
    """Try one delivery if it is due and nobody else is trying it; `render` gives the event's
    public representation (the API's, passed in by the task). Returns the status after it."""
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + _lease())
    if not claimed:
        return "not due"
    delivery = WebhookDelivery.objects.select_related("webhook", "event").get(pk=delivery_id)
    webhook = delivery.webhook
    if not webhook.is_active:
        return _finish(delivery, WebhookDelivery.Status.SKIPPED, error=_("The webhook is off."))
    public = TimelineEvent.objects.visible_to(AnonymousUser()).filter(pk=delivery.event_id)
    if not public.exists():
        return _finish(
            delivery, WebhookDelivery.Status.SKIPPED, error=_("The public no longer sees it.")
        )
    event = public.select_related("actor", "rumor", "source").get()
    body = json.dumps(render(event), ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-Jinjja-Event": event.kind,
        "X-Jinjja-Delivery": str(delivery.delivery_id),
        "X-Jinjja-Timestamp": str(timestamp),
        "X-Jinjja-Signature": signature(secret=webhook.secret, timestamp=timestamp, body=body),
    }
    began = time.monotonic()
    try:
        with http.Fetcher() as fetcher:
            answer = fetcher.post(
                webhook.url,
                body=body,
                headers=headers,
                timeout=settings.WEBHOOK_TIMEOUT,
                max_bytes=ANSWER_EXCERPT_BYTES,
            )
    except http.HostBusy:
        # Not the receiver's fault: other deliveries to it are in flight. Soon, uncounted.
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        queue.webhook_enqueue_delivery(delivery_id=delivery.pk, countdown=BUSY_RETRY_SECONDS)
        return "busy"
    except http.FetchError as exc:
        return _failed(delivery, began, error=exc.reason, transient=exc.transient)
    delivery.response_status = answer.status
    delivery.response_excerpt = answer.content.decode("utf-8", "replace")[:ANSWER_EXCERPT_BYTES]
    if 200 <= answer.status < 300:
        Webhook.objects.filter(pk=webhook.pk, failing_since__isnull=False).update(
            failing_since=None
        )
        return _finish(delivery, WebhookDelivery.Status.DELIVERED, began=began)
    transient = answer.status == 429 or answer.status >= 500
    error = _("The receiver answered HTTP %(status)d.") % {"status": answer.status}
    return _failed(delivery, began, error=error, transient=transient)


def _finish(delivery: WebhookDelivery, status: str, *, began=None, error: str = "") -> str:
    delivery.status = status
    delivery.error = error[:300]
    delivery.last_attempt_at = timezone.now()
    fields = ["status", "error", "last_attempt_at", "response_status", "response_excerpt"]
    if began is not None:
        delivery.attempts += 1
        delivery.duration_ms = int((time.monotonic() - began) * 1000)
        fields += ["attempts", "duration_ms"]
    delivery.save(update_fields=fields)
    return status


def _failed(delivery: WebhookDelivery, began: float, *, error: str, transient: bool) -> str:
    """Record a failed attempt: try again later if it may pass and the delivery is young
    enough; disable the webhook once it has been failing for WEBHOOK_RETRY_HOURS."""
    now = timezone.now()
    give_up_at = delivery.created_at + timedelta(hours=settings.WEBHOOK_RETRY_HOURS)
    webhook = delivery.webhook
    Webhook.objects.filter(pk=webhook.pk, failing_since__isnull=True).update(failing_since=now)
    webhook.refresh_from_db(fields=["failing_since", "disabled_at"])
    if webhook.failing_since <= now - timedelta(hours=settings.WEBHOOK_RETRY_HOURS):
        webhook_disable(webhook=webhook, reason=error)
    if transient and now < give_up_at and webhook.is_active:
        delivery.attempts += 1
        delay = _backoff(delivery.attempts)
        delivery.next_attempt_at = now + timedelta(seconds=delay)
        delivery.error = error[:300]
        delivery.last_attempt_at = now
        delivery.duration_ms = int((time.monotonic() - began) * 1000)
        delivery.save(
            update_fields=["attempts", "next_attempt_at", "error", "last_attempt_at",
                           "duration_ms", "response_status", "response_excerpt"]
        )  # fmt: skip
        if delay <= settings.WEBHOOK_SWEEP_INTERVAL:
            queue.webhook_enqueue_delivery(delivery_id=delivery.pk, countdown=delay)
        return WebhookDelivery.Status.PENDING
    return _finish(delivery, WebhookDelivery.Status.FAILED, began=began, error=error)


def webhook_disable(*, webhook: Webhook, reason: str) -> None:
    """Turn a failing webhook off, drop what it still had to send, and tell its owner (a mail
    recorded in the same transaction: the outbox sends it)."""
    with transaction.atomic():
        now = timezone.now()
        turned_off = Webhook.objects.filter(pk=webhook.pk, disabled_at__isnull=True).update(
            disabled_at=now, disabled_reason=reason[:300]
        )
        if not turned_off:
            return
        webhook.deliveries.filter(status=WebhookDelivery.Status.PENDING).update(
            status=WebhookDelivery.Status.SKIPPED, error=_("The webhook was disabled.")
        )
        owner = webhook.owner
        if owner.email:
            with translation.override(owner.language):
                _queue_disabled_mail(webhook, owner, reason=reason, at=now)
    webhook.refresh_from_db(fields=["disabled_at", "disabled_reason"])


def _queue_disabled_mail(webhook: Webhook, owner: User, *, reason: str, at) -> None:
    """The owner's notice, in their language, recorded in the disabling transaction."""
    mail_queue(
        key=f"webhook-disabled:{webhook.pk}:{int(at.timestamp())}",
        to=[owner.email],
        subject=_("Jinjja: your webhook was disabled"),
        body=_(
            "Deliveries to %(url)s have failed for %(hours)g hours (last: %(reason)s), "
            "so the webhook is now off. Turn it on again once the receiver answers: "
            "%(profile)s"
        )
        % {
            "url": webhook.url,
            "hours": settings.WEBHOOK_RETRY_HOURS,
            "reason": reason[:300],
            "profile": settings.SITE_URL + reverse("rumors:webhooks"),
        },
    )


def deliveries_sweep() -> int:
    """Queue the deliveries that are due: retries, and any whose message the broker lost (an
    attempt that died keeps its row pending; it is due again once its lease ends)."""
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)[:SWEEP_BATCH]
    count = 0
    for pk in due:
        count += queue.webhook_enqueue_delivery(delivery_id=pk)
    return count
