"""The indicator ledger (经济指标台账): what is measured, what was promised, what was achieved."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.models import Versioned
from luoshi.core.targets import Commitment, Comparator, Direction, Frequency, Measure, TargetKind
from luoshi.core.units import Unit
from luoshi.organisations.models import Organisation, ScopedQuerySet

# Nothing falls by more than all of it: growth rates are signed, down to -100%.
GROWTH_FLOOR = [MinValueValidator(-100)]


class Indicator(Versioned):
    """Indicator — 经济指标: e.g. 地区生产总值 in 亿元, reported quarterly as a cumulative value."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60, unique=True)
    aliases = models.CharField(_("别名"), max_length=200, blank=True,
                               help_text=_("以顿号或逗号分隔,如:社消零、社会消费品零售额"))
    unit = models.CharField(_("单位"), max_length=10, choices=Unit.choices)
    cumulative = models.BooleanField(_("累计值"), default=True,
                                     help_text=_("按年内累计上报(1—N月累计)"))
    frequency = models.CharField(_("上报频度"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.MONTHLY)
    direction = models.CharField(_("方向"), max_length=10, choices=Direction.choices, default=Direction.HIGHER,
                                 help_text=_("越低越好:居民消费价格涨幅、城镇调查失业率、PM2.5浓度、生产安全事故死亡人数等"))
    measure = models.CharField(_("指标性质"), max_length=10, choices=Measure.choices, default=Measure.AMOUNT,
                               help_text=_("比率:值本身是比率或比重(如失业率、覆盖率),按比率填报,不看同比"))
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)
    description = models.TextField(_("说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("经济指标")
        verbose_name_plural = _("经济指标")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name

    @property
    def is_rate(self) -> bool:
        return self.measure == Measure.RATE

    @property
    def negative_allowed(self) -> bool:
        """The one sign rule of a reported value: a rate may fall below zero (CPI −0.3%), a total not.
        The write validator and `check-values` both ask this."""
        return self.is_rate

    @property
    def quarterly(self) -> bool:
        return self.frequency == Frequency.QUARTERLY

    def alias_list(self) -> list[str]:
        import re

        return [a for a in re.split(r"[、,,;;\s]+", self.aliases) if a]


class Target(Versioned):
    """Target — 年度目标: one organisation's promise for one indicator and year, kept with its Chinese
    wording ("增长6%左右", "不少于60个") because the wording carries the rule."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("单位"), on_delete=models.PROTECT,
                                     related_name="targets")
    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.PROTECT,
                                  related_name="targets")
    year = models.PositiveSmallIntegerField(_("年度"))
    wording = models.CharField(_("目标表述"), max_length=200)
    kind = models.CharField(_("目标类型"), max_length=10, choices=TargetKind.choices)
    SIGNED_KINDS = (TargetKind.GROWTH, TargetKind.RATE, TargetKind.RELATIVE)  # falls, CPI −0.5%
    SIGNED_FIELDS = ("value", "stretch_value", "value_high")
    comparator = models.CharField(_("比较方式"), max_length=10, choices=Comparator.choices)
    commitment = models.CharField(_("约束程度"), max_length=10, choices=Commitment.choices,
                                  default=Commitment.NORMAL)
    # A growth target may be a fall ("下降2%"); an absolute one never is (checked with its kind).
    value = models.DecimalField(_("目标值"), max_digits=16, decimal_places=4, validators=GROWTH_FLOOR)
    stretch_value = models.DecimalField(_("力争值"), max_digits=16, decimal_places=4, null=True, blank=True,
                                        validators=GROWTH_FLOOR)
    value_high = models.DecimalField(_("区间上限"), max_digits=16, decimal_places=4, null=True, blank=True,
                                     validators=GROWTH_FLOOR)
    direction = models.CharField(_("方向"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    linked_indicator = models.ForeignKey(Indicator, verbose_name=_("关联指标"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+",
                                         help_text=_("相对目标比照的指标(经济增长),或占比目标的分母"))
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    parent = models.ForeignKey("self", verbose_name=_("分解自"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="parts", help_text=_("目标分解:单位目标所分解自的区目标"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")
        ordering = ["organisation_id", "indicator__sort_order", "year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "indicator", "year"],
                                               name="target_unique_per_year")]

    def __str__(self):
        return f"{self.organisation} {self.year} {self.indicator.name}{self.wording}"

    @classmethod
    def signed_kind(cls, kind) -> bool:
        """The one sign rule of a target's numbers: only a growth, rate or relative target may be negative."""
        return kind in cls.SIGNED_KINDS

    def allows_negative(self, field_name: str) -> bool:
        """Asked by `check-values`, so that a stored value is judged by the rule its write obeyed."""
        return field_name in self.SIGNED_FIELDS and self.signed_kind(self.kind)

    def conflict_summary(self) -> str:
        return _("目标“%(w)s”") % {"w": self.wording}


class CountingActualManager(models.Manager.from_queryset(ScopedQuerySet)):
    """The actuals that count: a withdrawn (作废) figure stays in the database and its history but no
    status, rank, overview, export or briefing reads it."""

    def get_queryset(self):
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class Actual(Versioned):
    """Actual — 实绩: the cumulative value (累计值) and year-on-year growth (同比增长) of one indicator for
    one organisation at the end of one month (quarterly indicators: the quarter's last month).

    ``Actual.objects`` holds the figures that count; ``Actual.all_objects`` also the withdrawn ones.
    """

    organisation = models.ForeignKey(Organisation, verbose_name=_("单位"), on_delete=models.PROTECT,
                                     related_name="actuals")
    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.PROTECT,
                                  related_name="actuals")
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    value = models.DecimalField(_("累计值"), max_digits=16, decimal_places=4, null=True, blank=True)
    growth_pct = models.DecimalField(_("同比增长(%)"), max_digits=8, decimal_places=2, null=True, blank=True,
                                     validators=[*GROWTH_FLOOR, MaxValueValidator(1000)])
    note = models.CharField(_("备注"), max_length=200, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("作废人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    withdrawn_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    history = HistoricalRecords()

    all_objects = ScopedQuerySet.as_manager()
    objects = CountingActualManager()

    class Meta:
        verbose_name = _("实绩")
        verbose_name_plural = _("实绩")
        ordering = ["organisation_id", "indicator_id", "year", "month"]
        default_manager_name = "all_objects"
        constraints = [
            # One figure that counts per period; withdrawn ones stay beside it.
            models.UniqueConstraint(fields=["organisation", "indicator", "year", "month"],
                                    condition=models.Q(withdrawn_at__isnull=True),
                                    name="actual_unique_per_period"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="actual_month_valid"),
        ]
        indexes = [models.Index(fields=["indicator", "year", "month"], name="actual_peer_idx")]

    def __str__(self):
        return f"{self.organisation} {self.year}-{self.month:02d} {self.indicator.name}"

    def allows_negative(self, field_name: str) -> bool:
        """Asked by `check-values`, so that a stored value is judged by the rule its write obeyed."""
        return field_name == "value" and self.indicator.negative_allowed

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def conflict_summary(self) -> str:
        from luoshi.core.units import fmt

        return _("%(y)d年%(m)d月累计值%(v)s，增长%(g)s") % {
            "y": self.year, "m": self.month, "v": fmt(self.value, self.indicator.unit), "g": fmt(self.growth_pct, "%")}
