"""DRF permission classes: thin wrappers around rumors/permissions.py, so that the API allows
exactly what the web does."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from rumors.permissions import (
    can_decide_media_link,
    can_decide_reports,
    can_manage_references,
    can_propose_evidence,
    can_review_catalog,
    can_submit,
    can_translate,
    can_vote,
    is_moderator,
)


class CanSubmitOrReadOnly(BasePermission):
    message = "Log in (or send an API token) to submit a rumor."

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or can_submit(request.user)


class CanProposeEvidence(BasePermission):
    """Members propose, moderators add; on the rumor of the view's get_object()."""

    message = _("You cannot add evidence here.")

    def has_object_permission(self, request, view, rumor) -> bool:
        # The web asks the same question, so moderators do not add evidence to a rejected
        # rumor here either.
        return can_propose_evidence(request.user, rumor)


class CanVote(BasePermission):
    def has_object_permission(self, request, view, rumor) -> bool:
        if can_vote(request.user, rumor):
            return True
        if is_moderator(request.user):
            self.message = _("You submitted this rumor, so you do not vote on it.")
        else:
            self.message = _("Only moderators vote on verdicts.")
        return False


class CanDecideMediaLink(BasePermission):
    message = _("Only moderators confirm or split similar media.")

    def has_object_permission(self, request, view, link) -> bool:
        return can_decide_media_link(request.user)


class CanTranslate(BasePermission):
    message = _("Only moderators add a rumor's text in another language.")

    def has_object_permission(self, request, view, rumor) -> bool:
        return can_translate(request.user, rumor)


class CanReviewCatalog(BasePermission):
    message = _("Only moderators approve or reject proposed people and works.")

    def has_object_permission(self, request, view, entry) -> bool:
        return can_review_catalog(request.user)


class CanMerge(BasePermission):
    """Moderators only; a rumor already merged is the service's 409, not a 403."""

    message = _("Only moderators merge rumors.")

    def has_object_permission(self, request, view, rumor) -> bool:
        return is_moderator(request.user)


class CanReject(BasePermission):
    """Moderators only; a rumor already rejected is the service's 409, not a 403."""

    message = _("Only moderators reject rumors.")

    def has_object_permission(self, request, view, rumor) -> bool:
        return is_moderator(request.user)


class CanDecideReports(BasePermission):
    message = _("Only moderators decide reports.")

    def has_permission(self, request, view) -> bool:
        return can_decide_reports(request.user)


class CanManageReferences(BasePermission):
    message = _("Only moderators add reference media.")

    def has_permission(self, request, view) -> bool:
        return can_manage_references(request.user)
