import time

import factory

from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    display_name = factory.LazyAttribute(lambda u: u.username.title())
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ModeratorFactory(UserFactory):
    """A moderator who can act as one: with a confirmed second factor (a TOTP device whose
    secret is TOTP_SECRET, for tests that log in with a code). `second_factor=False` makes one
    without."""

    username = factory.Sequence(lambda n: f"moderator{n}")
    is_moderator = True

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            add_totp(obj)


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a test device's secret


def add_totp(user: User, secret: str = TOTP_SECRET) -> None:
    """A confirmed TOTP device, as allauth saves one once its first code was entered."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import encrypt

    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(secret)}
    )
    user.totp_confirmed = True  # as the manager would read it with the row


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
