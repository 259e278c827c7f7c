from django.urls import reverse

from rumors import permissions


def second_factor(request) -> dict:
    """For the banner that tells a moderator without a second factor how to get one."""
    user = getattr(request, "user", None)
    if user is None or not permissions.needs_second_factor(user):
        return {}
    return {
        "second_factor_message": permissions.SECOND_FACTOR_REQUIRED,
        "second_factor_setup_url": reverse("mfa_activate_totp"),
    }
