"""The timeline: an append-only record of everything that happens to a rumor."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from notifications.services import event_announce
from rumors.models import Rumor, Source, TimelineEvent
from rumors.pagecache import pages_stamp_refresh
from rumors.services.webhooks import webhooks_fan_out


def timeline_append(
    *,
    rumor: Rumor,
    kind: str,
    actor: User | None = None,
    data: dict | None = None,
    source: Source | None = None,
    evidence=None,
) -> TimelineEvent:
    """Append an event and mark the rumor active. Call inside the writing service's transaction."""
    now = timezone.now()
    event = TimelineEvent.objects.create(
        rumor=rumor,
        kind=kind,
        actor=actor,
        data=data or {},
        source=source,
        evidence=evidence,
        created_at=now,
    )
    Rumor.objects.filter(pk=rumor.pk).update(last_activity_at=now)
    webhooks_fan_out(event=event)
    # Cached anonymous pages are keyed on the stamp: new keys once this change is visible.
    transaction.on_commit(pages_stamp_refresh)
    # Followers are told of verdicts, reopened rounds and accepted evidence after commit.
    event_announce(event=event)
    return event
