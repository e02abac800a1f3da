from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi.organisations.models import Enterprise, Organisation, Profile


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "kind", "parent", "is_synthetic")
    list_filter = ("kind", "is_synthetic")
    search_fields = ("name", "short_name")


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "credit_code", "industry", "is_above_scale", "district", "is_synthetic")
    list_filter = ("is_above_scale", "district")
    search_fields = ("name", "credit_code")


@admin.register(Profile)
class ProfileAdmin(SimpleHistoryAdmin):
    list_display = ("user", "display_name", "role", "organisation", "enterprise")
    list_filter = ("role",)
