from django.contrib import admin

from luoshi.accountability.models import LetterItem, ResponsibilityLetter, TaskReport
from luoshi.core.admin import ReadOnlyRecordAdmin


@admin.register(ResponsibilityLetter)
class LetterAdmin(ReadOnlyRecordAdmin):
    list_display = ("title", "unit", "year", "state", "signed_at")
    list_filter = ("year", "state")


@admin.register(LetterItem)
class LetterItemAdmin(ReadOnlyRecordAdmin):
    list_display = ("letter", "order", "title", "kind", "role", "weight", "rule")


@admin.register(TaskReport)
class TaskReportAdmin(ReadOnlyRecordAdmin):
    list_display = ("item", "as_of", "done_pct", "reported_by")
