"""Who may do what. Services, API permission classes and templates all ask these functions."""

from rumors.models import Rumor


def is_moderator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_moderator or user.is_staff))


def can_view_rumor(user, rumor: Rumor) -> bool:
    """Rejected rumors (spam) are hidden from everyone but moderators and their submitter."""
    if rumor.status != Rumor.Status.REJECTED:
        return True
    return is_moderator(user) or (user.is_authenticated and rumor.submitted_by_id == user.pk)


def can_submit(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_mark_sensitive(user) -> bool:
    return is_moderator(user)


def can_moderate(user) -> bool:
    """The moderation queue, accepting proposals, reopening."""
    return is_moderator(user)


def can_vote(user, rumor: Rumor) -> bool:
    """Moderators vote, except on a rumor they submitted themselves."""
    return is_moderator(user) and rumor.submitted_by_id != user.pk


def can_add_evidence(user, rumor: Rumor) -> bool:
    """Moderators attach evidence directly; it counts at once."""
    return is_moderator(user)


def can_propose_evidence(user, rumor: Rumor) -> bool:
    """Any member may propose evidence for a moderator to accept."""
    return bool(user.is_authenticated and user.is_active) and rumor.status != Rumor.Status.REJECTED


def can_reopen(user, rumor: Rumor) -> bool:
    return is_moderator(user)
