"""Follows and notifications.

A rumor's timeline events that its followers care about (a verdict, a reopened round, accepted
evidence) are announced by rumors/services/timeline.py once the change commits; this module
then records one notification per follower and queues mail through the outbox. Followers of a
person or a drama hear of a rumor about them only once it is reviewed: a verdict or accepted
evidence, never a raw claim. Nothing is told of a rumor the public cannot see
(Rumor.objects.public()), and a notification holds no text of its own (models.py).
"""

import logging
import zoneinfo
from datetime import datetime
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import confirmed_email_for
from mail.services import mail_queue
from notifications.models import Follow, Notification
from notifications.selectors import notification_view
from rumors.models import Person, Rumor, TimelineEvent, Work

logger = logging.getLogger(__name__)

# What followers of the rumor hear of; followers of its people and works hear of fewer.
RUMOR_KINDS = (
    TimelineEvent.Kind.VERDICT_REACHED,
    TimelineEvent.Kind.REOPENED,
    TimelineEvent.Kind.EVIDENCE_ADDED,  # accepted evidence: a moderator's or an accepted proposal
)
REVIEWED_KINDS = (TimelineEvent.Kind.VERDICT_REACHED, TimelineEvent.Kind.EVIDENCE_ADDED)
UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def follow_add(*, member: User, target: Rumor | Person | Work) -> None:
    """Follow a rumor, a person or a work; following again changes nothing. One INSERT that
    the unique constraints turn into nothing when the follow exists (ON CONFLICT DO NOTHING),
    so that submitting, which follows too, stays one query dearer and never fails on a race."""
    if not member.is_authenticated:
        raise ValidationError(_("Log in to follow."))
    Follow.objects.bulk_create(
        [Follow(member=member, **{_target_field(target): target})], ignore_conflicts=True
    )


def follow_remove(*, member: User, target: Rumor | Person | Work) -> None:
    Follow.objects.filter(member=member, **{_target_field(target): target}).delete()


def _target_field(target) -> str:
    for model, field in ((Rumor, "rumor"), (Person, "person"), (Work, "work")):
        if isinstance(target, model):
            return field
    raise TypeError(f"cannot follow {target!r}")


def event_announce(*, event: TimelineEvent) -> None:
    """Called by timeline_append: tell the followers once the change has committed."""
    if event.kind in RUMOR_KINDS:
        transaction.on_commit(partial(notifications_create, event_id=event.pk))


@transaction.atomic
def notifications_create(*, event_id: int) -> int:
    """One notification per follower of the event's rumor (or, for a reviewed rumor, of its
    people and works), none to whoever made the change; mail for those who want it at once.
    Safe to run twice: a follower is told of an event once. Returns how many were created."""
    event = TimelineEvent.objects.select_related("rumor").filter(pk=event_id).first()
    if event is None or event.kind not in RUMOR_KINDS:
        return 0
    rumor = Rumor.objects.public().filter(pk=event.rumor_id).first()
    if rumor is None:
        return 0  # hidden, held, rejected or merged: the public sees nothing, nor do followers
    reasons: dict[int, str] = {}
    if event.kind in REVIEWED_KINDS:
        for member_id in Follow.objects.filter(work__in=rumor.works.all()).values_list(
            "member_id", flat=True
        ):
            reasons[member_id] = Notification.Reason.WORK
        for member_id in Follow.objects.filter(person__in=rumor.people.all()).values_list(
            "member_id", flat=True
        ):
            reasons[member_id] = Notification.Reason.PERSON
    for member_id in Follow.objects.filter(rumor=rumor).values_list("member_id", flat=True):
        reasons[member_id] = Notification.Reason.RUMOR
    reasons.pop(event.actor_id, None)
    told = set(Notification.objects.filter(event=event).values_list("recipient_id", flat=True))
    recipient_ids = list(
        User.objects.filter(pk__in=set(reasons) - told, is_active=True, deleted_at__isnull=True)
        .select_for_update()
        .values_list("pk", flat=True)
    )
    Notification.objects.bulk_create(
        [
            Notification(recipient_id=pk, event=event, rumor=rumor, reason=reasons[pk])
            for pk in recipient_ids
        ],
        ignore_conflicts=True,  # a concurrent run told them: the unique constraint holds
    )
    new = list(
        Notification.objects.filter(event=event, recipient_id__in=recipient_ids).select_related(
            "recipient"
        )
    )
    User.objects.filter(pk__in=[n.recipient_id for n in new]).update(
        unread_notifications=F("unread_notifications") + 1
    )
    for notification in new:
        if notification.recipient.notify_mail == User.NotifyMail.IMMEDIATELY:
            _mail_one(notification=notification, rumor=rumor, event=event)
    return len(new)


def _mail_one(*, notification: Notification, rumor: Rumor, event: TimelineEvent) -> None:
    user = notification.recipient
    address = confirmed_email_for(user=user)
    if address is None:
        return  # notifications wait for a confirmed address
    with translation.override(user.language):
        item = notification_view(event=event, rumor=rumor, reason=notification.reason)
        context = {"user": user, "items": [item], "unsubscribe_url": unsubscribe_url(user)}
        subject = _("[Jinjja] %(what)s: %(title)s") % {"what": item["what"], "title": item["title"]}
        body = render_to_string("notifications/mail_notification.txt", context)
    mail_queue(
        key=f"notification:{notification.pk}",
        to=[address],
        subject=subject,
        body=body,
        headers=unsubscribe_headers(user),
    )
    Notification.objects.filter(pk=notification.pk).update(mailed_at=timezone.now())


def digests_send(*, now: datetime | None = None) -> int:
    """The daily digest, for members who chose it, at their hour in their time zone: every
    notification not mailed yet, of rumors the public can still see. Run hourly (beat); the
    mail's key names the member and their local date, so a second run that hour sends nothing
    new. Returns how many digests were queued."""
    now = now or timezone.now()
    sent = 0
    members = User.objects.filter(
        notify_mail=User.NotifyMail.DAILY, is_active=True, deleted_at__isnull=True
    )
    for user in members.iterator():
        local = now.astimezone(_zone(user.time_zone))
        if local.hour != user.digest_hour:
            continue
        if digest_send(user=user, local_date=local.date().isoformat()):
            sent += 1
    return sent


@transaction.atomic
def digest_send(*, user: User, local_date: str) -> bool:
    pending = list(
        Notification.objects.select_for_update(of=("self",))
        .filter(recipient=user, mailed_at__isnull=True)
        .filter(rumor__in=Rumor.objects.public())
        .select_related("event", "rumor")
        .order_by("created_at", "id")
    )
    address = confirmed_email_for(user=user)
    if not pending or address is None:
        return False
    with translation.override(user.language):
        items = [notification_view(event=n.event, rumor=n.rumor, reason=n.reason) for n in pending]
        context = {"user": user, "items": items, "unsubscribe_url": unsubscribe_url(user)}
        subject = _("[Jinjja] Your daily digest: %(count)s updates") % {"count": len(items)}
        body = render_to_string("notifications/mail_digest.txt", context)
    queued = mail_queue(
        key=f"digest:{user.pk}:{local_date}",
        to=[address],
        subject=subject,
        body=body,
        headers=unsubscribe_headers(user),
    )
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(mailed_at=timezone.now())
    return queued is not None


def notifications_mark_read(*, user: User) -> None:
    with transaction.atomic():
        Notification.objects.filter(recipient=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        User.objects.filter(pk=user.pk).update(unread_notifications=0)
    user.unread_notifications = 0


def unsubscribe_url(user: User, *, one_click: bool = False) -> str:
    """The page that stops a member's mail, in the active language; `one_click`: the same
    address without a language prefix, for mail clients' POST (it answers that POST directly,
    where a prefix-picking redirect would lose it)."""
    token = signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)
    name = "unsubscribe_one_click" if one_click else "notifications:unsubscribe"
    return settings.SITE_URL + reverse(name, args=[token])


def unsubscribe_headers(user: User) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe: mail clients POST to the URL with no further step."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user, one_click=True)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def member_unsubscribe(*, token: str) -> User:
    """Stop all notification mail for the member the token names (it never expires: an old
    mail's link must still work). Raises ValidationError for a token that is not ours."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise ValidationError(_("This unsubscribe link is not valid.")) from exc
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise ValidationError(_("This unsubscribe link is not valid."))
    User.objects.filter(pk=user.pk).update(notify_mail=User.NotifyMail.NONE)
    return user


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("Asia/Seoul")
