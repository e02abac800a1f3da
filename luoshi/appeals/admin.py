from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi.appeals.models import Appeal, AppealStep, Booking, ReceptionDay, ReceptionLeader
from luoshi.core.admin import ReadOnlyRecordAdmin as ReadOnlyAdmin  # read-only, history shown


class StepInline(admin.TabularInline):
    model = AppealStep
    extra = 0
    can_delete = False
    readonly_fields = ("at", "actor", "action", "from_state", "to_state", "unit", "rating", "text")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    """Read-only: an appeal moves only through services.transition, which checks and records each step."""

    list_display = ("title", "enterprise", "category", "state", "assigned_unit", "deadline", "escalation_level",
                    "reopen_count", "is_synthetic")
    list_filter = ("state", "category", "urgency", "channel", "district")
    search_fields = ("title", "enterprise__name")
    inlines = [StepInline]


@admin.register(ReceptionLeader)
class ReceptionLeaderAdmin(admin.ModelAdmin):
    """The roster is kept here by the district's administrator."""

    list_display = ("district", "user", "rank", "title", "order", "is_active")
    list_filter = ("district", "rank", "is_active")


@admin.register(ReceptionDay)
class ReceptionDayAdmin(admin.ModelAdmin):
    list_display = ("date", "district", "host", "host_rank", "slots", "location")
    list_filter = ("district", "host_rank")
    date_hierarchy = "date"


@admin.register(Booking)
class BookingAdmin(SimpleHistoryAdmin):
    list_display = ("reception_day", "slot", "enterprise", "topic", "status")
    list_filter = ("status",)
