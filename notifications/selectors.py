"""Reads for follows and notifications."""

from django.conf import settings
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.models import Follow, Notification
from rumors.models import Person, Rumor, TimelineEvent, Work

NOTIFICATIONS_PAGE = 50


def follow_state(*, user: User, target: Rumor | Person | Work) -> bool | None:
    """Whether the member follows the target; None for visitors (no button)."""
    if not user.is_authenticated:
        return None
    field = {Rumor: "rumor", Person: "person", Work: "work"}[type(target)]
    return Follow.objects.filter(member=user, **{field: target}).exists()


def notifications_for(*, user: User) -> list[dict]:
    """The member's latest notifications, of rumors the public can still see, each as the
    public page shows it now."""
    rows = (
        Notification.objects.filter(recipient=user, rumor__in=Rumor.objects.public())
        .select_related("event", "rumor")
        .order_by("-created_at", "-id")[:NOTIFICATIONS_PAGE]
    )
    return [
        notification_view(event=n.event, rumor=n.rumor, reason=n.reason)
        | {"unread": n.read_at is None}
        for n in rows
    ]


def notification_view(*, event: TimelineEvent, rumor: Rumor, reason: str) -> dict:
    """What a notification says, from the rumor as the public sees it now (its current,
    possibly redacted, title and its verdict); no media, no text of the event itself."""
    if event.kind == TimelineEvent.Kind.VERDICT_REACHED:
        what = _("Verdict: %(verdict)s") % {"verdict": rumor.get_verdict_display()}
    elif event.kind == TimelineEvent.Kind.REOPENED:
        what = _("Reopened for review")
    else:
        what = _("New evidence accepted")
    return {
        "what": what,
        "title": rumor.title,
        "url": settings.SITE_URL + rumor.get_absolute_url(),
        "path": rumor.get_absolute_url(),
        "reason": Notification.Reason(reason).label,
        "at": event.created_at,
    }
