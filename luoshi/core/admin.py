"""Admin classes shared by the apps, and the admin of background jobs and periodic tasks."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi.core.models import Job, PeriodicSlot


class ReadOnlyRecordAdmin(SimpleHistoryAdmin):
    """Official figures and workflow records are read here, never changed or deleted: a change must go
    through the pages, the upload or the API, which validate it, ask for a reason and keep the history."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    """后台任务: what is waiting, running, done or failed (many waiting: add a worker)."""

    list_display = ("created_at", "title", "user", "status", "done", "total", "message", "started_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "user__username", "message")
    exclude = ("input_data", "file_data")


@admin.register(PeriodicSlot)
class PeriodicSlotAdmin(ReadOnlyAdmin):
    """定时任务: when each periodic task was last queued by the beat."""

    list_display = ("name", "enqueued_at")
