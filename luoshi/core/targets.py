"""The vocabulary of indicators and their targets (how often reported, which way is better, what kind of
rule, how it compares, how binding): plain choices, no model. They live in core, not in the indicator
ledger, because the target wording and status (core.target_wording, core.target_status) and the apps that
read reports or plan work (ingestion, workplan, investment, dashboard) speak them without reaching into
indicators' models; luoshi.indicators.models uses them for its fields."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("按月")
    QUARTERLY = "quarterly", _("按季")


class Direction(models.TextChoices):
    """Which way is better: most indicators rise (GDP); some must fall or stay low (失业率, PM2.5浓度)."""
    HIGHER = "higher", _("越高越好")
    LOWER = "lower", _("越低越好")


class Measure(models.TextChoices):
    """An amount is judged by its completion and its 同比 growth; a rate or share (失业率, 研发活动覆盖率,
    科技服务业占GDP比重) is itself the figure: entered as the rate and judged without 同比."""
    AMOUNT = "amount", _("总量")
    RATE = "rate", _("比率")


class TargetKind(models.TextChoices):
    GROWTH = "growth", _("增速目标")
    ABSOLUTE = "absolute", _("总量目标")
    RATE = "rate", _("比率目标")          # the value of a rate indicator: 失业率5.5%以内
    RELATIVE = "relative", _("相对目标")  # growth tied to another indicator's: 与经济增长基本同步
    SHARE = "share", _("占比目标")        # this indicator as a share of another: 占固定资产投资比重30%
    TOTAL = "total", _("累计目标")        # a total over the years so far: 累计开行突破10000班


class Comparator(models.TextChoices):
    ABOUT = "about", _("左右")
    AT_LEAST = "at_least", _("以上/不低于")
    AT_MOST = "at_most", _("以内/不超过")
    PLAIN = "plain", _("如数")  # exact: the number as written ("增长8%")
    RANGE = "range", _("区间")


class Commitment(models.TextChoices):
    NORMAL = "normal", _("预期")
    STRETCH = "stretch", _("力争")
    FLOOR = "floor", _("确保")
