"""Reads for accounts."""

from allauth.account.models import EmailAddress

from accounts.models import ApiToken, User


def api_token_for_key(*, key: str) -> ApiToken | None:
    """The live token for a key, with its user, or None."""
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), user__is_active=True)
        .first()
    )


def email_address_for(*, user: User) -> EmailAddress | None:
    """The member's address as django-allauth records it: the primary one, else any."""
    return EmailAddress.objects.filter(user=user).order_by("-primary", "-verified", "pk").first()


def confirmed_email_for(*, user: User) -> str | None:
    """The address mail to this member may go to: a primary one they confirmed, else none."""
    if user.deleted_at or not user.is_active:
        return None
    address = EmailAddress.objects.filter(user=user, primary=True, verified=True).first()
    return address.email if address else None
