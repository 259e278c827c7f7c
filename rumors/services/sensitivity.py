"""Marking media sensitive: its thumbnails are then blurred behind a warning on the rumor page
and never shown in lists or link previews."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from rumors.models import Rumor, Source, TimelineEvent
from rumors.permissions import can_mark_sensitive
from rumors.services.timeline import timeline_append


def _flag(model, *, pk: int, user: User, sensitive: bool):
    """Set is_sensitive on the locked row; returns (row, changed)."""
    if not can_mark_sensitive(user):
        raise PermissionDenied(_("Only moderators can mark media sensitive."))
    row = model.objects.select_for_update().get(pk=pk)
    changed = row.is_sensitive != sensitive
    if changed:
        row.is_sensitive = sensitive
        row.save(update_fields=["is_sensitive", "updated_at"])
    return row, changed


def _record(*, rumor: Rumor, user: User, sensitive: bool, source: Source | None = None) -> None:
    """A `marked_sensitive` or `unmarked_sensitive` event; with `source`, about that link."""
    kind = (
        TimelineEvent.Kind.MARKED_SENSITIVE if sensitive else TimelineEvent.Kind.UNMARKED_SENSITIVE
    )
    timeline_append(rumor=rumor, kind=kind, actor=user, source=source)


@transaction.atomic
def rumor_set_sensitive(*, rumor_id: int, user: User, sensitive: bool) -> Rumor:
    """Mark (or unmark) a whole rumor sensitive. A no-op, without an event, if nothing changes."""
    rumor, changed = _flag(Rumor, pk=rumor_id, user=user, sensitive=sensitive)
    if changed:
        _record(rumor=rumor, user=user, sensitive=sensitive)
    return rumor


@transaction.atomic
def source_set_sensitive(*, source_id: int, user: User, sensitive: bool) -> Source:
    """Mark (or unmark) one link sensitive; every rumor resting on it records the change."""
    source, changed = _flag(Source, pk=source_id, user=user, sensitive=sensitive)
    if changed:
        for rumor in source.rumors.all():
            _record(rumor=rumor, user=user, sensitive=sensitive, source=source)
    return source
