from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    """目标责任书 and the assessment (综合考评) computed from the live data of the other apps."""

    name = "luoshi.accountability"
    verbose_name = _("目标责任书与考评")

    def ready(self):
        from luoshi.accountability import permissions  # noqa: F401  (declares the app's rules with organisations.access)
