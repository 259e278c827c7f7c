import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class CaseInsensitiveUserManager(UserManager):
    def get_queryset(self):
        # Whether the member has a TOTP device, read with the row (User.has_second_factor):
        # the logged-in member is loaded through this manager, so asking costs no query.
        from allauth.mfa.models import Authenticator

        totp = Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
        return super().get_queryset().annotate(totp_confirmed=Exists(totp))

    def get_by_natural_key(self, username):
        return self.get(username__iexact=username)

    def moderators(self):
        """Everyone who may moderate: rumors.permissions.is_moderator, as a queryset."""
        return self.filter(
            Q(is_moderator=True) | Q(is_staff=True), is_active=True, totp_confirmed=True
        )


class User(AbstractUser):
    """A member of Jinjja. Everyone who signs up is a member; moderators and staff are flags."""

    class NotifyMail(models.TextChoices):
        IMMEDIATELY = "immediately", _("Email me at once")
        DAILY = "daily", _("Email me a daily digest")
        NONE = "none", _("No email, only on the site")

    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    is_moderator = models.BooleanField(
        _("moderator"),
        default=False,
        help_text=_("Moderators attach evidence and vote verdicts."),
    )

    # Set when the member deleted their account (accounts/services.py member_delete): the row
    # stays, emptied of everything personal, so that their rumors, evidence and votes keep
    # their history, shown as from "a deleted member".
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    # Notifications (notifications/services.py): how they are mailed, and in what language.
    notify_mail = models.CharField(
        _("notifications by email"),
        max_length=12,
        choices=NotifyMail.choices,
        default=NotifyMail.IMMEDIATELY,
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"),
        default=8,
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        help_text=_("When the daily digest is sent, in your time zone."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Seoul")
    language = models.CharField(
        _("language of emails"), max_length=8, choices=settings.LANGUAGES, default="ko"
    )
    # Kept with the row, so that the header's count costs no query (F() updates only).
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)

    objects = CaseInsensitiveUserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.username

    @property
    def public_name(self) -> str:
        """The name the site shows of a member. A display name is free text, so anyone could
        take "mod1" or another member's name: it is always shown with the username, which is
        unique, unless it is the username itself."""
        if self.deleted_at:
            return gettext("a deleted member")
        if not self.display_name or self.display_name.casefold() == self.username.casefold():
            return self.username
        return f"{self.display_name} (@{self.username})"

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", args=[self.username])

    @property
    def has_second_factor(self) -> bool:
        """A confirmed TOTP device (django-allauth's mfa): set up means confirmed, as allauth
        saves one only once a code from it was entered."""
        if "totp_confirmed" not in self.__dict__:  # a row not read through the manager
            from allauth.mfa.models import Authenticator

            self.totp_confirmed = Authenticator.objects.filter(
                user_id=self.pk, type=Authenticator.Type.TOTP
            ).exists()
        return self.totp_confirmed


class ApiToken(models.Model):
    """A member's personal API token. Only a hash of the key is kept: the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=60)
    # The first characters of the key, so members can tell their tokens apart.
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        # The key has 256 random bits, so a fast hash is enough: nothing to brute-force.
        return hashlib.sha256(key.encode()).hexdigest()
