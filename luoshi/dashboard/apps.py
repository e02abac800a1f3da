from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """一屏观全域 and the briefings: reads across the other apps' selectors, writes nothing of its own."""

    name = "luoshi.dashboard"
    verbose_name = _("一屏观全域与简报")
