from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    """招商引资 and 链长制: industry chains with their links and enterprises, and the gaps (招商地图)."""

    name = "luoshi.investment"
    verbose_name = _("招商引资与产业链")
