from django.contrib import admin

from luoshi.core.admin import ReadOnlyRecordAdmin as ReadOnlyAdmin  # read-only, history shown
from luoshi.inspections.models import PlannedVisit, QuietWindow, UnannouncedVisitReport


@admin.register(QuietWindow)
class QuietWindowAdmin(admin.ModelAdmin):
    """A district's own quiet window is set here; without one the setting applies."""

    list_display = ("district", "first_day", "last_day", "source")


@admin.register(PlannedVisit)
class PlannedVisitAdmin(ReadOnlyAdmin):
    """Filings and decisions change only through the services, which check and record them."""

    list_display = ("date", "department", "visit_type", "category", "in_window", "state", "is_synthetic")
    list_filter = ("state", "in_window", "category", "district")


@admin.register(UnannouncedVisitReport)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("visit_date", "enterprise", "department", "state", "finding_result")
    list_filter = ("state", "finding_result", "district")
