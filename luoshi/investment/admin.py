from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi.investment.models import ChainLink, ChainMember, IndustryChain


class LinkInline(admin.TabularInline):
    model = ChainLink
    extra = 1


@admin.register(IndustryChain)
class ChainAdmin(SimpleHistoryAdmin):
    """Admins keep the chains, their links (上游/中游/下游) and the enterprises present."""

    list_display = ("name", "organisation", "level", "chain_leader", "is_synthetic")
    list_filter = ("level",)
    inlines = [LinkInline]


class MemberInline(admin.TabularInline):
    model = ChainMember
    extra = 1
    autocomplete_fields = ("enterprise",)


@admin.register(ChainLink)
class LinkAdmin(SimpleHistoryAdmin):
    list_display = ("name", "chain", "segment", "planned")
    list_filter = ("segment", "planned")
    inlines = [MemberInline]
