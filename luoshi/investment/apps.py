from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    """招商引资 and 链长制: industry chains with their links and enterprises, and the gaps (招商地图)."""

    name = "luoshi.investment"
    verbose_name = _("招商引资与产业链")

    def ready(self):
        from luoshi.core.demo import CHAINS
        from luoshi.core.registry import site
        from luoshi.investment.demo import load_demo
        from luoshi.investment.selectors import dashboard_panel

        site.register_panel("investment", dashboard_panel, order=40)
        site.register_demo("investment", load_demo, order=CHAINS)
