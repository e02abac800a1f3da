"""Admin classes shared by the apps; the holiday calendar, background jobs and periodic tasks."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi.core.models import Holiday, Job, PeriodicSlot


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


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """The admin keeps each new year's holidays from the State Council's notice (the library stops at its
    last year); a date beyond the table follows the week."""

    list_display = ("date", "kind", "name", "source")
    list_filter = ("kind", "source")
    date_hierarchy = "date"
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        if not obj.source or obj.source.startswith("chinesecalendar"):
            obj.source = "后台录入"
        super().save_model(request, obj, form, change)
