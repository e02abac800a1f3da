from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Indicator ledger (指标目标与进度): catalogue, annual targets, monthly actuals, status, ranking."""

    name = "luoshi.indicators"
    label = "indicators"
    verbose_name = "经济指标"

    def ready(self):
        from luoshi.core import schedule
        from luoshi.core.demo import INDICATORS
        from luoshi.core.registry import site
        from luoshi.indicators import permissions  # noqa: F401  (declares the app's rules with organisations.access)
        from luoshi.indicators.demo import load
        from luoshi.indicators.tasks import remind_unreported_actuals

        schedule.register("indicators.remind_unreported_actuals", remind_unreported_actuals, **schedule.EVERY_MORNING)
        site.register_demo("indicators", load, order=INDICATORS)
