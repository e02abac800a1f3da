from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    """目标责任书 and the assessment (综合考评) computed from the live data of the other apps."""

    name = "luoshi.accountability"
    verbose_name = _("目标责任书与考评")

    def ready(self):
        from functools import partial

        from luoshi.accountability import permissions  # noqa: F401  (declares the app's rules with organisations.access)
        from luoshi.accountability.demo import load
        from luoshi.accountability.selectors import dashboard_panel
        from luoshi.core.demo import DEMO_YEAR, LETTERS
        from luoshi.core.registry import site

        site.register_panel("accountability", dashboard_panel, order=50)
        site.register_demo("accountability", partial(load, DEMO_YEAR), order=LETTERS)
