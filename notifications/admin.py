from django.contrib import admin

from notifications.models import Follow, Notification


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("member", "rumor", "person", "work", "created_at")
    raw_id_fields = ("member", "rumor", "person", "work")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: notifications are made by notifications/services.py alone."""

    list_display = ("recipient", "rumor", "reason", "created_at", "read_at", "mailed_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
