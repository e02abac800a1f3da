from django.contrib import admin

from luoshi.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: messages are written by the services, never by hand."""

    list_display = ("user", "text", "created_at", "read_at", "emailed")
    list_filter = ("emailed",)
    search_fields = ("text", "user__username")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
