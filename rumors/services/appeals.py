"""A submitter's appeal against their rumor being rejected, held or having media withheld."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from rumors import permissions
from rumors.models import Appeal, Rumor, TimelineEvent
from rumors.services.rumors import required_text
from rumors.services.timeline import timeline_append


class AlreadyAppealed(ValidationError):
    def __init__(self):
        super().__init__(_("You have already appealed about this rumor."), code="appealed")


def appeal_submit(*, user: User, rumor: Rumor, reason: str) -> Appeal:
    """Save the submitter's one appeal, with a reason, and a moderators-only `appealed`
    event."""
    reason = required_text(
        reason, field="reason", limit=Appeal.REASON_MAX_LENGTH, missing=_("Say why.")
    )
    try:
        with transaction.atomic():
            rumor = Rumor.objects.select_for_update().get(pk=rumor.pk)
            if not permissions.can_appeal(user, rumor):
                raise PermissionDenied(
                    _("Only its submitter may appeal, and only a rumor rejected, held or hidden.")
                )
            if Appeal.objects.filter(rumor=rumor, submitted_by=user).exists():
                raise AlreadyAppealed()
            appeal = Appeal.objects.create(
                rumor=rumor, submitted_by=user, grounds=rumor.appeal_grounds, reason=reason
            )
            timeline_append(
                rumor=rumor,
                kind=TimelineEvent.Kind.APPEALED,
                actor=user,
                data={"appeal": appeal.pk, "grounds": appeal.grounds},
            )
    except IntegrityError as exc:  # the same submitter twice at the same instant
        raise AlreadyAppealed() from exc
    return appeal
