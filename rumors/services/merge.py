"""Merging one rumor into another: the same clip was submitted twice (under addresses the link
keys could not tell were the same, or before anyone knew). A moderator's act, never the
site's: a fake built on real footage sits a few bits from its original, related but not the
same rumor."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from rumors import permissions
from rumors.models import Evidence, Rumor, TimelineEvent
from rumors.services.timeline import timeline_append
from rumors.services.withholding import refresh_rumor_flags


class AlreadyMerged(ValidationError):
    """The rumor was merged a moment ago (perhaps by another moderator)."""

    def __init__(self):
        super().__init__(_("This rumor was already merged into another."), code="merged")


@transaction.atomic
def rumor_merge(*, moderator: User, rumor: Rumor, into: Rumor) -> Rumor:
    """Merge `rumor` into `into` and return the survivor. Its links, evidence, people and
    works move to the survivor; its votes and timeline stay in its own history; its pages
    then send everyone to the survivor. Both rows are locked, in id order, so that two
    moderators merging at once (A into B while B into A, or two into one) lose nothing."""
    if not permissions.is_moderator(moderator):
        raise PermissionDenied(_("Only moderators merge rumors."))
    if rumor.pk == into.pk:
        raise ValidationError({"into": _("A rumor cannot be merged into itself.")})
    locked = {
        row.pk: row
        for row in Rumor.objects.select_for_update()
        .filter(pk__in=[rumor.pk, into.pk])
        .order_by("pk")
    }
    merged, survivor = locked[rumor.pk], locked[into.pk]
    if merged.is_merged:
        raise AlreadyMerged()
    if not permissions.can_merge(moderator, merged):
        raise PermissionDenied(_("A rejected rumor is not merged."))
    if survivor.is_merged or survivor.is_rejected:
        raise ValidationError(
            {"into": _("Merge into a rumor that is neither merged nor rejected.")}
        )

    sources = list(merged.sources.all())
    survivor.sources.add(*sources)
    merged.sources.clear()
    moved_evidence = Evidence.objects.filter(rumor=merged).update(rumor=survivor)
    survivor.people.add(*merged.people.all())
    survivor.works.add(*merged.works.all())
    # Rumors merged into this one before now point at the survivor: one redirect, not a chain.
    Rumor.objects.filter(merged_into=merged).update(merged_into=survivor)
    merged.status, merged.merged_into = Rumor.Status.MERGED, survivor
    merged.save(update_fields=["status", "merged_into", "updated_at"])
    refresh_rumor_flags([merged, survivor])

    timeline_append(
        rumor=merged, kind=TimelineEvent.Kind.MERGED, actor=moderator, data={"into": survivor.pk}
    )
    timeline_append(
        rumor=survivor,
        kind=TimelineEvent.Kind.MERGED,
        actor=moderator,
        data={"from": merged.pk, "links": len(sources), "evidence": moved_evidence},
    )
    # The public could see it: mirrors are told to drop their copy.
    timeline_append(rumor=merged, kind=TimelineEvent.Kind.WITHDRAWN, data={"what": "rumor"})
    return survivor
