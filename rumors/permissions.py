"""Who may do what. Services, API permission classes and templates all ask these functions.

Each rule about rows has its queryset twin on the model (Rumor.objects.visible_to,
Evidence.objects.visible_to, TimelineEvent.objects.visible_to); these ask it of one row.
"""

from django.utils.translation import gettext_lazy as _

from rumors.models import Evidence, Rumor, TimelineEvent, VerifiedRequester

SECOND_FACTOR_REQUIRED = _(
    "Moderators act as moderators only with two-factor authentication: set up an "
    "authenticator app (TOTP) first."
)


def _flagged_moderator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_moderator or user.is_staff))


def is_moderator(user) -> bool:
    """Every moderator's power (voting, reviewing evidence, hiding media, merging, seeing what
    only moderators see) is decided here, and needs a confirmed second factor (TOTP): a
    moderator's password alone is not enough. Also written as a queryset, for counting who may
    vote: User.objects.moderators()."""
    return _flagged_moderator(user) and user.has_second_factor


def needs_second_factor(user) -> bool:
    """A moderator (or staff) who cannot act as one until they set up TOTP."""
    return _flagged_moderator(user) and not user.has_second_factor


def _is_own(user, row) -> bool:
    return bool(user.is_authenticated and row.submitted_by_id == user.pk)


def can_view_rumor(user, rumor: Rumor) -> bool:
    """Hidden rumors (rejected as spam) are seen only by moderators and their submitter."""
    return rumor.is_public or is_moderator(user) or _is_own(user, rumor)


def can_view_evidence(user, evidence: Evidence) -> bool:
    """Evidence counts in public once accepted; before that it is its proposer's and the
    moderators' alone, with everything fetched for it."""
    return (
        evidence.status == Evidence.Status.ACCEPTED or is_moderator(user) or _is_own(user, evidence)
    )


def can_see_event_actor(user, event: TimelineEvent) -> bool:
    """Who voted stays private until the round has its verdict: until then the public sees
    that a moderator voted; a hold a verified requester made names nobody but to moderators.
    Expects event.rumor loaded."""
    if event.held_by_requester:
        # The person concerned (or their agency) asked: the public is told that, not who.
        return is_moderator(user)
    if event.kind not in TimelineEvent.VOTE_KINDS or is_moderator(user):
        return True
    return event.rumor.round_has_verdict(event.data.get("round", event.rumor.review_round))


def can_submit(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_mark_sensitive(user) -> bool:
    return is_moderator(user)


def can_moderate(user) -> bool:
    """The moderation queue, accepting proposals, reopening, rejecting spam."""
    return is_moderator(user)


def can_reject(user, rumor: Rumor) -> bool:
    """Moderators reject spam not rejected yet (a held rumor too)."""
    return is_moderator(user) and not rumor.is_rejected


def can_read_held(user, rumor: Rumor) -> bool:
    """A held rumor's pages answer 451 to everyone but moderators: its submitter too, who
    sees the notice (and may appeal) but not the pages, as the temporary measure is about the
    public text."""
    return not rumor.is_held or is_moderator(user)


def can_hold_as_requester(user, rumor: Rumor) -> bool:
    """A verified requester (VerifiedRequester.objects.standing: recorded by a moderator, the
    address confirmed) may hold a rumor about the person they represent: their Person, or a
    person of their agency. One query, none for visitors."""
    if not (user.is_authenticated and user.is_active):
        return False
    return VerifiedRequester.objects.standing().filter(user=user).representing(rumor).exists()


def may_hold(user, rumor: Rumor) -> bool:
    """Who may hold this rumor, whatever its state: moderators, and its verified requesters."""
    return is_moderator(user) or can_hold_as_requester(user, rumor)


def can_hold(user, rumor: Rumor) -> bool:
    """Moderators, and at once a verified requester for a rumor about the person they
    represent, hold a public rumor (not one already held or rejected)."""
    return rumor.is_public and may_hold(user, rumor)


def can_release(user, rumor: Rumor) -> bool:
    return is_moderator(user) and rumor.is_held


def can_appeal(user, rumor: Rumor) -> bool:
    """Its submitter may appeal a rumor that was rejected, held or had media withheld (once:
    the service and a constraint see to that)."""
    return _is_own(user, rumor) and bool(rumor.appeal_grounds)


def can_merge(user, rumor: Rumor) -> bool:
    """Moderators merge a rumor (not rejected, not merged already) into another."""
    return is_moderator(user) and not rumor.is_rejected and not rumor.is_merged


def can_decide_media_link(user) -> bool:
    """Moderators confirm or split similar media (and see the suggested and split links)."""
    return is_moderator(user)


def can_translate(user, rumor: Rumor) -> bool:
    """Moderators add a rumor's title and claim in the other language."""
    return is_moderator(user)


def can_review_catalog(user) -> bool:
    """Moderators approve or reject the people and works members propose."""
    return is_moderator(user)


def can_redact(user, rumor: Rumor) -> bool:
    return is_moderator(user)


def can_vote(user, rumor: Rumor) -> bool:
    """Moderators vote, except on a rumor they submitted themselves."""
    return is_moderator(user) and rumor.submitted_by_id != user.pk


def can_add_evidence(user, rumor: Rumor) -> bool:
    """Moderators attach evidence directly; it counts at once."""
    return is_moderator(user)


def can_propose_evidence(user, rumor: Rumor) -> bool:
    """Any member may propose evidence for a moderator to accept, on a public rumor."""
    return bool(user.is_authenticated and user.is_active) and rumor.is_public


def can_reopen(user, rumor: Rumor) -> bool:
    return is_moderator(user)


def can_manage_references(user) -> bool:
    """Moderators register reference media and clear what the never-host bank held."""
    return is_moderator(user)


def can_decide_reports(user) -> bool:
    """Moderators uphold or dismiss reports, and may look at the media a report withholds."""
    return is_moderator(user)


def can_manage_requesters(user) -> bool:
    """Moderators record verified requesters (the people concerned, their agencies) and
    revoke them."""
    return is_moderator(user)


def can_fetch_again(user, rumor: Rumor) -> bool:
    """ "Try again" on a link whose fetch failed: the rumor's submitter and moderators."""
    return is_moderator(user) or (_is_own(user, rumor) and can_view_rumor(user, rumor))


def can_discuss(user, rumor: Rumor) -> bool:
    """The moderators' discussion of a rumor: read and written by moderators only."""
    return is_moderator(user)
