"""Reads of similar media: the links between sources whose pictures match by PDQ, as this
reader may see them (MediaLink.objects.visible_to, the one rule)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from accounts.models import User
from rumors.models import MediaLink, Rumor, Source


@dataclass(frozen=True)
class SimilarMedia:
    """One link as a source's panel shows it: the link (its distance and state), the source
    at its other end and the rumors of that source this reader may see."""

    link: MediaLink
    other: Source
    rumors: list[Rumor]


def similar_media_attach(*, sources: list[Source], user: User) -> None:
    """Give each source `similar_media`, a list of SimilarMedia, closest first: two queries
    whatever the number of sources and links."""
    ids = [source.pk for source in sources]
    links = (
        list(
            MediaLink.objects.visible_to(user)
            .filter(Q(source_a__in=ids) | Q(source_b__in=ids))
            .select_related("source_a", "source_b")
            .order_by("distance", "id")
        )
        if ids
        else []
    )
    others = {link.source_a_id for link in links} | {link.source_b_id for link in links}
    rumors: dict[int, list[Rumor]] = defaultdict(list)
    if links:
        rows = (
            Rumor.sources.through.objects.filter(
                source_id__in=others, rumor__in=Rumor.objects.visible_to(user)
            )
            .select_related("rumor")
            .order_by("rumor__created_at", "rumor_id")
        )
        for row in rows:
            rumors[row.source_id].append(row.rumor)
    for source in sources:
        source.similar_media = [
            SimilarMedia(link=link, other=other, rumors=rumors[other.pk])
            for link in links
            if source.pk in (link.source_a_id, link.source_b_id)
            for other in [link.source_b if link.source_a_id == source.pk else link.source_a]
        ]


def media_link_get_for_user(*, pk: int, user: User) -> MediaLink:
    """The link, or 404 if this user may not see it."""
    link = MediaLink.objects.visible_to(user).filter(pk=pk).first()
    if link is None:
        raise Http404("No such media link.")
    return link
