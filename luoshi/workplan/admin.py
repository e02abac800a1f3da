from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi.core.admin import ReadOnlyRecordAdmin
from luoshi.workplan.models import Notice, ProgressReport, Section, TaskCategory, WorkPlan, WorkTask


@admin.register(TaskCategory)
class TaskCategoryAdmin(admin.ModelAdmin):
    """Admins add categories beyond the six the office starts with."""

    list_display = ("name", "order")


@admin.register(WorkPlan)
class WorkPlanAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "year", "title", "source", "is_synthetic")
    list_filter = ("year", "organisation")


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "number", "title")


@admin.register(WorkTask)
class WorkTaskAdmin(ReadOnlyRecordAdmin):
    """Tasks move through the pages (reports, notices, 销号), which check and record every step."""

    list_display = ("title", "plan", "lead_unit", "deadline", "state")
    list_filter = ("state", "category", "plan__organisation")
    search_fields = ("title",)


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyRecordAdmin):
    list_display = ("task", "unit", "period_end", "percent", "withdrawn_reason")


@admin.register(Notice)
class NoticeAdmin(ReadOnlyRecordAdmin):
    list_display = ("task", "kind", "issued_on", "reply_deadline", "state")
