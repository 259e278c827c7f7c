"""Reads for accounts."""

from accounts.models import ApiToken


def api_token_for_key(*, key: str) -> ApiToken | None:
    """The live token for a key, with its user, or None."""
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), user__is_active=True)
        .first()
    )
