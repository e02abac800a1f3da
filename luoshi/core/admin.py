"""Admin classes shared by the apps, and the holiday calendar's admin."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi.core.models import Holiday


class ReadOnlyRecordAdmin(SimpleHistoryAdmin):
    """Official figures and workflow records are read here, never changed or deleted: a change must go
    through the pages, the upload or the API, which validate it, ask for a reason and keep the history."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
