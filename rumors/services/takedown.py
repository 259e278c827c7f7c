"""Temporary measures on a rumor's text after a defamation or privacy report: a moderator
(or, at once, a verified requester: the person concerned or their agency) holds it (hidden
from the public, its pages answering 451, for at most HOLD_MAX_DAYS days, after which it
comes back by itself); a moderator releases it, or redacts its title or claim."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from rumors import permissions
from rumors.models import Rumor, TimelineEvent
from rumors.services.rumors import required_text, rumor_text
from rumors.services.search_index import rumor_index, rumor_terms
from rumors.services.timeline import timeline_append


class HoldNotAllowed(ValidationError):
    """The rumor is already held or rejected (perhaps by another moderator a moment ago)."""

    def __init__(self):
        super().__init__(_("Only a public rumor can be held."), code="held")


class HoldLimitReached(ValidationError):
    """Its holds have lasted as long as the law allows: a moderator decides now instead."""

    def __init__(self, since):
        super().__init__(
            _(
                "This rumor was first held on %(date)s: holds end %(n)s days after that. "
                "Decide on it instead: redact or reject it, or leave it public."
            )
            % {"date": since.date().isoformat(), "n": settings.HOLD_MAX_DAYS},
            code="hold_limit",
        )


class NotHeld(ValidationError):
    def __init__(self):
        super().__init__(_("This rumor is not held."), code="not_held")


def _require_moderator(user: User, message) -> None:
    if not permissions.is_moderator(user):
        raise PermissionDenied(message)


@transaction.atomic
def rumor_hold(*, user: User, rumor: Rumor, reason: str, days: int | None = None) -> Rumor:
    """Hold a public rumor for `days` (at most, and by default, HOLD_MAX_DAYS): it leaves every
    public surface at once and its pages answer 451 with the date; the public's stream gets a
    contentless `withdrawn`. The hold lifts itself when the date passes. All of a rumor's holds
    end HOLD_MAX_DAYS days after its first one: a hold lifted and made again is not renewed.

    `user` is a moderator, or a verified requester for a rumor about the person they
    represent (permissions.can_hold); a requester's `held` says so (`requester`), and the
    public is not told who."""
    if not permissions.may_hold(user, rumor):
        raise PermissionDenied(
            _(
                "Only moderators, and the person concerned or their agency once a moderator "
                "has recorded them, hold rumors."
            )
        )
    reason = required_text(
        reason,
        field="reason",
        limit=Rumor.HOLD_REASON_MAX_LENGTH,
        missing=_("Say why this rumor is held."),
    )
    days = settings.HOLD_MAX_DAYS if days is None else days
    if not 1 <= days <= settings.HOLD_MAX_DAYS:
        raise ValidationError(
            {"days": _("Hold for 1 to %(n)s days.") % {"n": settings.HOLD_MAX_DAYS}}
        )
    rumor = Rumor.objects.select_for_update().get(pk=rumor.pk)
    if not permissions.can_hold(user, rumor):
        raise HoldNotAllowed()
    now = timezone.now()
    first = rumor.first_held_at or now
    last_day = first + timedelta(days=settings.HOLD_MAX_DAYS)
    if last_day <= now:
        raise HoldLimitReached(first)
    rumor.held_until = min(now + timedelta(days=days), last_day)
    rumor.held_reason, rumor.first_held_at = reason, first
    rumor.save(update_fields=["held_until", "held_reason", "first_held_at", "updated_at"])
    data = {"reason": reason, "until": rumor.held_until.isoformat()}
    if not permissions.is_moderator(user):
        data["requester"] = True
    timeline_append(rumor=rumor, kind=TimelineEvent.Kind.HELD, actor=user, data=data)
    timeline_append(rumor=rumor, kind=TimelineEvent.Kind.WITHDRAWN, data={"what": "rumor"})
    return rumor


@transaction.atomic
def rumor_release(*, moderator: User, rumor: Rumor, reason: str) -> Rumor:
    """Lift a hold before its date: the rumor is public again."""
    _require_moderator(moderator, _("Only moderators lift holds."))
    reason = required_text(
        reason,
        field="reason",
        limit=Rumor.HOLD_REASON_MAX_LENGTH,
        missing=_("Say why the hold is lifted."),
    )
    rumor = Rumor.objects.select_for_update().get(pk=rumor.pk)
    if not permissions.can_release(moderator, rumor):
        raise NotHeld()
    rumor.held_until = None
    rumor.save(update_fields=["held_until", "updated_at"])
    timeline_append(
        rumor=rumor, kind=TimelineEvent.Kind.RELEASED, actor=moderator, data={"reason": reason}
    )
    return rumor


@transaction.atomic
def rumor_redact(*, moderator: User, rumor: Rumor, title: str, claim: str) -> Rumor:
    """Replace the public title or claim. The text as submitted is kept once, for moderators
    (original_title, original_claim); the `redacted` event names the fields, not the text."""
    _require_moderator(moderator, _("Only moderators redact rumors."))
    title, claim = rumor_text(title=title, claim=claim)
    # Analysed before the lock is taken (the analyser may take seconds to load).
    terms = rumor_terms(title=title, claim=claim, title_ko=rumor.title_ko, claim_ko=rumor.claim_ko)
    rumor = Rumor.objects.select_for_update().get(pk=rumor.pk)
    if not permissions.can_redact(moderator, rumor):
        raise PermissionDenied(_("Only moderators redact rumors."))
    fields = [
        name for name, new in (("title", title), ("claim", claim)) if getattr(rumor, name) != new
    ]
    if not fields:
        raise ValidationError(_("Change the title or the claim."), code="unchanged")
    if not rumor.is_redacted:
        rumor.original_title, rumor.original_claim = rumor.title, rumor.claim
    rumor.title, rumor.claim = title, claim
    # The old slug carried the old title: its address now redirects to the new one.
    rumor.slug = Rumor.make_slug(title)
    rumor.save(
        update_fields=["title", "claim", "slug", "original_title", "original_claim", "updated_at"]
    )
    rumor_index(rumor=rumor, terms=terms)
    timeline_append(
        rumor=rumor, kind=TimelineEvent.Kind.REDACTED, actor=moderator, data={"fields": fields}
    )
    # The public could read the old text: mirrors are told to replace their copies.
    timeline_append(rumor=rumor, kind=TimelineEvent.Kind.WITHDRAWN, data={"what": "text"})
    return rumor


def holds_record_expired() -> int:
    """Record `released` for each hold whose date has passed (the rumor is public again
    already: public_q compares the date with the time of each query) and clear it, so that
    the stream tells mirrors it is back and cached pages are renewed. Run by the beat
    schedule; returns how many it recorded, and running it again records nothing."""
    now = timezone.now()
    count = 0
    for pk in Rumor.objects.filter(held_until__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            rumor = Rumor.objects.select_for_update().filter(pk=pk, held_until__lte=now).first()
            if rumor is None:  # lifted or held again meanwhile
                continue
            until = rumor.held_until
            rumor.held_until = None
            rumor.save(update_fields=["held_until", "updated_at"])
            timeline_append(
                rumor=rumor,
                kind=TimelineEvent.Kind.RELEASED,
                data={"expired": True, "until": until.isoformat()},
            )
            count += 1
    return count
