"""Provenance findings (fetchers/provenance.py) turned into work for moderators: a link whose
picture says it was made by a generator gets a suggested evidence item on the open rumors
showing it, proposed by the site itself; moderators accept or reject it like any proposal.
A finding of a camera's signature is context only and suggests nothing."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from rumors import provenance
from rumors.models import Evidence, Rumor, Source, TimelineEvent
from rumors.services.timeline import timeline_append


@transaction.atomic
def provenance_suggest_for_source(*, source: Source) -> list[Evidence]:
    """Suggest the AI-generated finding of a link's picture on each open rumor showing it,
    once per rumor and link (a database constraint)."""
    if not provenance.suggests_evidence(source.provenance):
        return []
    made = []
    for rumor in Rumor.objects.filter(sources=source, status__in=Rumor.OPEN_STATUSES):
        try:
            with transaction.atomic():
                evidence = Evidence.objects.create(
                    rumor=rumor,
                    kind=Evidence.Kind.FORENSIC_ANALYSIS,
                    stance=Evidence.Stance.CONTEXT,
                    status=Evidence.Status.PROPOSED,
                    submitted_by=None,
                    suggestion=Evidence.Suggestion.PROVENANCE,
                    matched_source=source,
                    provenance=source.provenance,
                )
        except IntegrityError:
            continue
        timeline_append(
            rumor=rumor,
            kind=TimelineEvent.Kind.EVIDENCE_PROPOSED,
            evidence=evidence,
            source=source,
            data={"kind": evidence.kind, "stance": evidence.stance, "provenance": True},
        )
        made.append(evidence)
    return made
