from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi.indicators.models import Actual, Indicator, Target


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    """Admins add indicators to the catalogue here."""

    list_display = ("name", "code", "unit", "cumulative", "frequency", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
    search_fields = ("name", "aliases", "code")


class LedgerRecordAdmin(SimpleHistoryAdmin):
    """Official figures are read here, never changed or deleted: a change must go through the pages, the
    upload or the API, which validate it, ask for a reason and keep the history."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Target)
class TargetAdmin(LedgerRecordAdmin):
    list_display = ("organisation", "indicator", "year", "wording", "kind", "comparator", "commitment", "value")
    list_filter = ("year", "kind", "indicator")
    readonly_fields = ("kind", "comparator", "commitment", "value", "stretch_value", "version")


@admin.register(Actual)
class ActualAdmin(LedgerRecordAdmin):
    list_display = ("organisation", "indicator", "year", "month", "value", "growth_pct", "is_synthetic")
    list_filter = ("year", "indicator", "is_synthetic")
    readonly_fields = ("version",)
