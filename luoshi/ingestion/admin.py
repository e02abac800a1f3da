from django.contrib import admin

from luoshi.ingestion.models import Finding, SourceDocument


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    can_delete = False
    fields = ("kind", "text", "organisation", "year", "indicator", "value", "unit", "status")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read here only: documents come in through services.read_document, findings leave through the
    review services, which check the user's rights and write the ledger through its own services."""

    def has_add_permission(self, request, obj=None):
        return False

    has_change_permission = has_delete_permission = has_add_permission


@admin.register(SourceDocument)
class SourceDocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "organisation", "date", "uploaded_by", "uploaded_at")
    list_filter = ("organisation",)
    search_fields = ("title",)
    inlines = [FindingInline]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("text", "kind", "organisation", "year", "indicator", "value", "unit", "status")
    list_filter = ("kind", "status")
    search_fields = ("text", "indicator_phrase")
