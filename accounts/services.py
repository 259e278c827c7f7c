"""Writes for accounts."""

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import ApiToken, User


@transaction.atomic
def user_set_moderator(*, username: str, is_moderator: bool = True) -> User:
    user = User.objects.select_for_update().filter(username__iexact=username).first()
    if user is None:
        raise ValidationError(f"No user called {username!r}.", code="not_found")
    if user.is_moderator != is_moderator:
        user.is_moderator = is_moderator
        user.save(update_fields=["is_moderator"])
    return user


TOKEN_KEY_PREFIX = "jj_"  # noqa: S105 - a marker that makes leaked keys easy to find
MAX_TOKENS_PER_USER = 20


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; returns it with its key, which is never stored nor shown
    again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Name the token, e.g. after the app that will use it."})
    # Lock the member's row so that two requests at once cannot pass the limit together.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if user.api_tokens.count() >= MAX_TOKENS_PER_USER:
        raise ValidationError(
            {"name": f"You have {MAX_TOKENS_PER_USER} tokens already: revoke one first."}
        )
    key = TOKEN_KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:60], prefix=key[:10], key_hash=ApiToken.hash_key(key)
    )
    return token, key


def api_token_revoke(*, user: User, token_id: int) -> None:
    """Delete one of the member's tokens; other members' tokens are out of reach."""
    deleted, _ = ApiToken.objects.filter(pk=token_id, user=user).delete()
    if not deleted:
        raise ValidationError("No such token.", code="not_found")


def api_token_touch(*, token: ApiToken, now: datetime) -> None:
    """Record use at most once a minute, so that reads do not turn into writes."""
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
