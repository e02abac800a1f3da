from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Indicator ledger (指标目标与进度): catalogue, annual targets, monthly actuals, status, ranking."""

    name = "luoshi.indicators"
    label = "indicators"
    verbose_name = "经济指标"
