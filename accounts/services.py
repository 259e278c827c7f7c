"""Writes for accounts."""

import secrets
from datetime import datetime, timedelta

from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from allauth.account.utils import setup_user_email
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import ApiToken, User


@transaction.atomic
def member_signup(
    *, request: HttpRequest, username: str, email: str, password: str, language: str = "ko"
) -> User:
    """A new member, with their address recorded unconfirmed and a confirmation mail queued
    (django-allauth's flow, sent through the outbox after commit). The form has validated the
    username and password already."""
    user = User.objects.create_user(
        username=username, email=email, password=password, language=language
    )
    address = setup_user_email(request, user, [])
    if address is not None:
        send_verification_email_to_address(request, address, signup=True)
    return user


def second_factor_check(*, user: User, code: str) -> bool:
    """Whether `code` is the member's current TOTP code or an unused recovery code; either is
    then spent (a TOTP code for its 30 seconds, in the cache; a recovery code for good)."""
    for authenticator in Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES]
    ):
        if authenticator.wrap().validate_code(code):
            authenticator.record_usage()
            return True
    return False


@transaction.atomic
def member_delete(*, user: User) -> None:
    """Delete a member's account as far as their person goes, keeping what they contributed.

    Korean privacy law asks that a member can leave and their personal data go; the site's
    history asks that rumors, evidence and votes stay. So the row stays, emptied: a random
    username, no name, no address, no password, no tokens, inactive. Their sessions end (the
    password hash changed), their profile page answers 404, and everything they did is shown as
    from "a deleted member" (User.public_name)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    EmailAddress.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    user.username = f"deleted-{secrets.token_hex(8)}"
    user.display_name = user.first_name = user.last_name = user.email = ""
    user.set_unusable_password()
    user.is_active = user.is_moderator = user.is_staff = user.is_superuser = False
    user.deleted_at = timezone.now()
    user.save()


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
