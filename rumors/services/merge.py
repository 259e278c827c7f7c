"""Merging one rumor into another: the same clip was submitted twice (under addresses the link
keys could not tell were the same, or before anyone knew). A moderator's act, never the
site's: a fake built on real footage sits a few bits from its original, related but not the
same rumor."""

from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications.models import Follow
from rumors import permissions
from rumors.fetchers.linkkeys import key_platform
from rumors.models import Evidence, Rumor, Source, SourceKey, TimelineEvent
from rumors.selectors.rumors import link_key_or_none
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

    _merge_rows(merged=merged, survivor=survivor, actor=moderator)
    return survivor


def _merge_rows(*, merged: Rumor, survivor: Rumor, actor: User | None, **data) -> None:
    """Move everything of `merged` (locked) to `survivor` (locked): links, evidence, people,
    works and followers; and record it."""
    sources = list(merged.sources.all())
    survivor.sources.add(*sources)
    merged.sources.clear()
    moved_evidence = Evidence.objects.filter(rumor=merged).update(rumor=survivor)
    survivor.people.add(*merged.people.all())
    survivor.works.add(*merged.works.all())
    # Its followers follow the survivor (those who followed both, once).
    members = Follow.objects.filter(rumor=merged).values_list("member_id", flat=True)
    Follow.objects.bulk_create(
        [Follow(member_id=pk, rumor=survivor) for pk in members], ignore_conflicts=True
    )
    Follow.objects.filter(rumor=merged).delete()
    # Rumors merged into this one before now point at the survivor: one redirect, not a chain.
    Rumor.objects.filter(merged_into=merged).update(merged_into=survivor)
    merged.status, merged.merged_into = Rumor.Status.MERGED, survivor
    merged.save(update_fields=["status", "merged_into", "updated_at"])
    refresh_rumor_flags([merged, survivor])

    timeline_append(
        rumor=merged,
        kind=TimelineEvent.Kind.MERGED,
        actor=actor,
        data={"into": survivor.pk, **data},
    )
    timeline_append(
        rumor=survivor,
        kind=TimelineEvent.Kind.MERGED,
        actor=actor,
        data={"from": merged.pk, "links": len(sources), "evidence": moved_evidence, **data},
    )
    # The public could see it: mirrors are told to drop their copy.
    timeline_append(rumor=merged, kind=TimelineEvent.Kind.WITHDRAWN, data={"what": "rumor"})


def _same_site(url: str, other: str) -> bool:
    """Whether two links are on the same site: the same platform (keys `youtube:…` and
    `youtube:…`, whatever the host alias), or the same host once `www.` and `m.` are off."""
    a, b = link_key_or_none(url), link_key_or_none(other)
    platforms = {key_platform(a) if a else None, key_platform(b) if b else None}
    if platforms != {None}:
        return len(platforms) == 1

    def host(link: str) -> str:
        name = (urlsplit(link).hostname or "").lower()
        for prefix in ("www.", "m."):
            name = name.removeprefix(prefix)
        return name

    return bool(host(url)) and host(url) == host(other)


def _is_fresh(rumor: Rumor) -> bool:
    """A rumor nobody has worked on yet: just submitted, no verdict, no accepted evidence."""
    return (
        rumor.status == Rumor.Status.SUBMITTED
        and not rumor.verdict
        and not rumor.evidence.filter(status=Evidence.Status.ACCEPTED).exists()
    )


def _join(*, source: Source, known: Source) -> list[Rumor]:
    """The fetched link turned out to be a clip Jinjja knows (`known`): each fresh rumor made
    for it is merged into the clip's rumor, and its submitter's title and claim are kept there
    as a proposal (seen by moderators and the submitter only, never as public text)."""
    target = Rumor.objects.public().filter(sources=known).order_by("created_at", "id").first()
    if target is None:
        return []
    joined = []
    for pk in source.rumors.exclude(pk=target.pk).order_by("pk").values_list("pk", flat=True):
        rows = Rumor.objects.select_for_update().filter(pk__in=[pk, target.pk]).order_by("pk")
        locked = {row.pk: row for row in rows}
        rumor, survivor = locked[pk], locked[target.pk]
        if rumor.is_merged or rumor.is_rejected or not _is_fresh(rumor):
            continue
        _merge_rows(merged=rumor, survivor=survivor, actor=None, same_link=True)
        proposal = Evidence.objects.create(
            rumor=survivor,
            kind=Evidence.Kind.OTHER,
            stance=Evidence.Stance.CONTEXT,
            url=source.url,
            source=source,
            note=f"{rumor.title}\n\n{rumor.claim}",
            status=Evidence.Status.PROPOSED,
            submitted_by=rumor.submitted_by,
        )
        timeline_append(
            rumor=survivor,
            kind=TimelineEvent.Kind.EVIDENCE_PROPOSED,
            actor=rumor.submitted_by,
            evidence=proposal,
            source=source,
            data={"kind": proposal.kind, "stance": proposal.stance, "merged_from": rumor.pk},
        )
        joined.append(survivor)
    return joined


def _suggest(*, source: Source, known: Source) -> None:
    """A page claims, on another site, to be a known clip (any page can claim any canonical
    link): the moderators are told, nothing moves."""
    target = Rumor.objects.public().filter(sources=known).order_by("created_at", "id").first()
    if target is None:
        return
    for rumor in source.rumors.exclude(pk=target.pk).filter(Rumor.public_q()):
        timeline_append(
            rumor=rumor,
            kind=TimelineEvent.Kind.MERGE_SUGGESTED,
            source=source,
            data={"rumor": target.pk, "canonical": source.canonical_url},
        )


@transaction.atomic
def source_join_fetched_links(*, source_id: int) -> list[Rumor]:
    """After a fetch, the addresses a link led to are the same link: its final URL after
    redirects, and its canonical link or og:url when on the same site. Each becomes another
    key of this source; one that is already another source's key (a short link that lands on
    a known clip) merges the new rumor into that clip's rumor. A canonical link that names a
    known clip on another site is only a suggestion for moderators. Returns the rumors that
    took a new one in."""
    source = Source.objects.select_for_update().get(pk=source_id)
    own = set(source.keys.values_list("key", flat=True))
    joined: list[Rumor] = []
    addresses = [(source.final_url, True)]
    if source.canonical_url:
        trusted = _same_site(source.final_url or source.url, source.canonical_url)
        addresses.append((source.canonical_url, trusted))
    for address, trusted in addresses:
        key = link_key_or_none(address) if address else None
        if not key or key in own:
            continue
        known = Source.objects.filter(keys__key=key).exclude(pk=source.pk).first()
        if known is not None:
            if trusted:
                joined += _join(source=source, known=known)
            else:
                _suggest(source=source, known=known)
        elif trusted:
            try:
                with transaction.atomic():
                    SourceKey.objects.create(source=source, key=key)
                own.add(key)
            except IntegrityError:
                pass  # another source took the key a moment ago: the next fetch joins them
    return joined
