from django.contrib import admin

from mail.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Read-only: the outbox is written by mail/services.py alone."""

    list_display = ("key", "subject", "created_at", "attempts", "sent_at", "failed_at")
    list_filter = ("sent_at", "failed_at")
    search_fields = ("key", "subject")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
