from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi.core.admin import ReadOnlyRecordAdmin
from luoshi.indicators.models import Actual, Indicator, Target


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    """Admins add indicators to the catalogue here."""

    list_display = ("name", "code", "unit", "cumulative", "frequency", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
    search_fields = ("name", "aliases", "code")


@admin.register(Target)
class TargetAdmin(ReadOnlyRecordAdmin):
    list_display = ("organisation", "indicator", "year", "wording", "kind", "comparator", "commitment", "value")
    list_filter = ("year", "kind", "indicator")
    readonly_fields = ("kind", "comparator", "commitment", "value", "stretch_value", "version")


@admin.register(Actual)
class ActualAdmin(ReadOnlyRecordAdmin):
    list_display = ("organisation", "indicator", "year", "month", "value", "growth_pct", "is_synthetic")
    list_filter = ("year", "indicator", "is_synthetic")
    readonly_fields = ("version",)
