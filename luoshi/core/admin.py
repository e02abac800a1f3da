"""Admin classes shared by the apps."""
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyRecordAdmin(SimpleHistoryAdmin):
    """Official figures and workflow records are read here, never changed or deleted: a change must go
    through the pages, the upload or the API, which validate it, ask for a reason and keep the history."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
