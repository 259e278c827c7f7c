"""DRF permission classes: thin wrappers around rumors/permissions.py, so that the API allows
exactly what the web does."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from rumors.permissions import can_submit


class CanSubmitOrReadOnly(BasePermission):
    message = "Log in (or send an API token) to submit a rumor."

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or can_submit(request.user)
