"""Reads of the timeline: a rumor's events on its pages and in the API, and the site-wide
stream. Every one starts from TimelineEvent.objects.visible_to, so an event about hidden
evidence, or on a hidden rumor, is hidden everywhere at once."""

from datetime import datetime

from django.db.models import QuerySet

from accounts.models import User
from rumors.models import Rumor, TimelineEvent
from rumors.selectors.rumors import Validators

RUMOR_PAGE_EVENTS = 50
EVENTS_PER_PAGE = 100


def timeline_for(*, rumor: Rumor, user: User) -> QuerySet[TimelineEvent]:
    """The rumor's events this user may see, oldest first. Through the rumor's own manager, so
    that each event's `rumor` is this instance (the permission checks read it)."""
    return (
        rumor.events.visible_to(user)
        .select_related("actor", "source", "evidence")
        .order_by("created_at", "id")
    )


def timeline_latest(
    *, rumor: Rumor, user: User, limit: int = RUMOR_PAGE_EVENTS
) -> tuple[list, bool]:
    """The rumor's latest `limit` events, oldest first, and whether earlier ones exist."""
    events = list(timeline_for(rumor=rumor, user=user).reverse()[: limit + 1])
    return events[:limit][::-1], len(events) > limit


def api_rumor_timeline(*, rumor: Rumor, user: User) -> QuerySet[TimelineEvent]:
    """Expects a rumor the user may see (from api_rumor_head, which loads only a few fields:
    each event gets its rumor whole from the join)."""
    return (
        TimelineEvent.objects.visible_to(user)
        .filter(rumor=rumor)
        .select_related("actor", "rumor", "source")
        .order_by("created_at", "id")
    )


def api_timeline(*, until: datetime, user: User) -> QuerySet[TimelineEvent]:
    """Events up to `until` that this user may see; the paginator sets the order.

    An event's time is taken before its transaction commits, so a slow writer can commit an
    event older than one already served. Serving only events older than a settling delay
    (`until`) is what lets a poller never miss one.
    """
    return (
        TimelineEvent.objects.visible_to(user)
        .filter(created_at__lte=until)
        .select_related("actor", "rumor", "source")
    )


def api_timeline_validators(*, until: datetime) -> Validators | None:
    """The newest event of the stream: the stream cannot change without a new one."""
    newest = (
        TimelineEvent.objects.filter(created_at__lte=until)
        .order_by("-created_at", "-id")
        .values("id", "created_at")
        .first()
    )
    if newest is None:
        return None
    return Validators(
        etag=f"timeline-{newest['id']}-{newest['created_at'].timestamp()}",
        last_modified=newest["created_at"],
    )
