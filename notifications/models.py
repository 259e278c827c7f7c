from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rumors.models import Person, Rumor, TimelineEvent, Work


class Follow(models.Model):
    """A member follows one rumor, person or work (exactly one of the three)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    rumor = models.ForeignKey(
        Rumor, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    work = models.ForeignKey(
        Work, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(rumor__isnull=False, person__isnull=True, work__isnull=True)
                    | Q(rumor__isnull=True, person__isnull=False, work__isnull=True)
                    | Q(rumor__isnull=True, person__isnull=True, work__isnull=False)
                ),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["member", "rumor"], condition=Q(rumor__isnull=False), name="follow_rumor"
            ),
            models.UniqueConstraint(
                fields=["member", "person"],
                condition=Q(person__isnull=False),
                name="follow_person",
            ),
            models.UniqueConstraint(
                fields=["member", "work"], condition=Q(work__isnull=False), name="follow_work"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.rumor or self.person or self.work}"


class Notification(models.Model):
    """A member is told of one timeline event of a rumor. It stores no text: pages and mails
    render it from the rumor as the public sees it when they are shown (the one visibility
    rule, Rumor.objects.public()), so a rumor hidden, held or redacted later is never shown
    with what it was."""

    class Reason(models.TextChoices):
        RUMOR = "rumor", _("You follow this rumor")
        PERSON = "person", _("You follow someone it is about")
        WORK = "work", _("You follow a drama it is about")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.ForeignKey(TimelineEvent, on_delete=models.CASCADE, related_name="+")
    rumor = models.ForeignKey(Rumor, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Mailed on its own (immediately) or in a digest; null: not mailed (yet).
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event"], name="notification_once"),
        ]
        indexes = [models.Index(fields=["recipient", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.event}"
