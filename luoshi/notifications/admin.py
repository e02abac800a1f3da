from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from luoshi.notifications.models import Notification, OutboxEntry


class DeliveryInline(admin.TabularInline):
    model = OutboxEntry
    extra = 0
    can_delete = False
    fields = readonly_fields = ("channel", "address", "status", "attempts", "last_error", "delivered_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: messages are written by the services, never by hand."""

    list_display = ("user", "text", "created_at", "read_at", "emailed")
    list_filter = ("emailed",)
    search_fields = ("text", "user__username")
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    """The outbox (通知发件箱): what is waiting, what failed and why. Read-only; an administrator may only
    send failed entries again once the cause is fixed."""

    list_display = ("created_at", "channel", "address", "status", "attempts", "last_attempt_at",
                    "next_attempt_at", "delivered_at", "last_error")
    list_filter = ("status", "channel")
    search_fields = ("address", "notification__text", "last_error")
    readonly_fields = ("notification", "channel", "address", "status", "attempts", "last_error", "created_at",
                       "last_attempt_at", "next_attempt_at", "delivered_at")
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("重新发送所选的失败通知"))
    def retry(self, request, queryset):
        from luoshi.notifications.services import redeliver

        n = redeliver(queryset.filter(status=OutboxEntry.Status.FAILED))
        self.message_user(request, _("已重新排队%(n)d条") % {"n": n}, messages.SUCCESS)
