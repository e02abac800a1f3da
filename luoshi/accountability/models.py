"""Target responsibility letters (目标责任书) and their items.

A district decomposes its year into one letter per unit (department, town/street, platform company):
items linked to the unit's indicator targets, to its appeal on-time and satisfaction rates, and
free-text tasks reported with evidence, each with a weight and a scoring rule. A letter is drafted,
reviewed and signed — the signed scan uploaded, timestamped — and then frozen: any later change is an
amendment with its reason. Scores are never stored, only computed from the live data.
"""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.models import Versioned
from luoshi.core.workflow import StepBase
from luoshi.organisations.models import DeclaredScopeQuerySet, Organisation

# A share of a whole, in percent (要求达到、门槛、完成程度).
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class LetterState(models.TextChoices):
    DRAFT = "draft", _("起草")
    REVIEWED = "reviewed", _("已审核")
    SIGNED = "signed", _("已签订")


class LetterQuerySet(DeclaredScopeQuerySet):
    """Scoped by the rows declared in `accountability.permissions`."""


class ResponsibilityLetter(Versioned):
    """ResponsibilityLetter — 目标责任书: one unit's promises to its district for one year."""

    district = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Organisation, verbose_name=_("责任单位"), on_delete=models.PROTECT,
                             related_name="responsibility_letters")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("标题"), max_length=200)
    state = models.CharField(_("状态"), max_length=20, choices=LetterState.choices, default=LetterState.DRAFT)
    signed_scan = models.FileField(_("签字盖章扫描件"), upload_to="letters/%Y/", blank=True)
    signed_at = models.DateTimeField(_("签订时间"), null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("签订经办人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("目标责任书")
        verbose_name_plural = _("目标责任书")
        ordering = ["district_id", "year", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="letter_one_per_unit_year")]

    def __str__(self):
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.state == LetterState.SIGNED


class ItemKind(models.TextChoices):
    INDICATOR = "indicator", _("经济指标")
    APPEAL_ON_TIME = "appeal_on_time", _("诉求按期办结率")
    APPEAL_SATISFACTION = "appeal_satisfaction", _("诉求满意率")
    PROJECT = "project", _("重点项目投资")
    INVESTMENT = "investment", _("招商引资目标")
    TASK = "task", _("工作任务")


class ProjectMeasure(models.TextChoices):
    """What a 重点项目 item measures: investment completed against the year's plan (of the project named,
    or of all the unit's projects), or the 开工率 / 竣工率 of the unit's projects."""
    INVESTMENT = "investment", _("完成投资")
    START = "start", _("开工率")
    FINISH = "finish", _("竣工率")


class ScoringRule(models.TextChoices):
    FULL = "full", _("达标得满分")
    PROPORTIONAL = "proportional", _("按完成比例")
    THRESHOLD = "threshold", _("门槛以下不得分,以上按比例")


class ItemRole(models.TextChoices):
    SCORED = "scored", _("计分项")
    BONUS = "bonus", _("加分项")
    DEDUCTION = "deduction", _("扣分项")


class LetterItem(models.Model):
    """LetterItem — 责任事项: what one line of the letter promises, how it is weighed and scored.

    The target of an indicator item is the unit's own annual target (its wording is the promise); the
    rate items name the rate required (e.g. 95%); a 重点项目 item without a project measures all the
    projects the unit is responsible for; a task is reported with evidence in percent done. A
    deduction item costs its points when the reported share reaches 100% (the event happened)."""

    letter = models.ForeignKey(ResponsibilityLetter, verbose_name=_("责任书"), on_delete=models.PROTECT,
                               related_name="items")
    order = models.PositiveSmallIntegerField(_("序号"), default=1)
    title = models.CharField(_("事项"), max_length=200)
    kind = models.CharField(_("类型"), max_length=30, choices=ItemKind.choices)
    role = models.CharField(_("计分方式"), max_length=20, choices=ItemRole.choices, default=ItemRole.SCORED)
    indicator = models.ForeignKey("indicators.Indicator", verbose_name=_("指标"), null=True, blank=True,
                                  on_delete=models.PROTECT)
    project = models.ForeignKey("projects.Project", verbose_name=_("重点项目"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    project_measure = models.CharField(_("项目考核内容"), max_length=20, choices=ProjectMeasure.choices,
                                       default=ProjectMeasure.INVESTMENT,
                                       help_text=_("重点项目类事项:未选择项目时按本单位负责的全部重点项目计算;"
                                                   "开工率、竣工率按要求达到的比率计分(默认100%)"))
    investment_target = models.ForeignKey("investment.InvestmentTarget", verbose_name=_("招商目标"), null=True,
                                          blank=True, on_delete=models.PROTECT, related_name="+")
    work_task = models.ForeignKey("workplan.WorkTask", verbose_name=_("重点工作任务"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  help_text=_("工作任务事项按该任务的状态计分;未关联时按填报的进展计分"))
    required_pct = models.DecimalField(_("要求达到(%)"), max_digits=6, decimal_places=2, null=True, blank=True,
                                       help_text=_("诉求按期办结率、满意率或重点项目开工率、竣工率的要求,如95"),
                                       validators=PERCENT)
    weight = models.DecimalField(_("分值"), max_digits=6, decimal_places=2,
                                 validators=[MinValueValidator(Decimal(0))])
    rule = models.CharField(_("计分规则"), max_length=20, choices=ScoringRule.choices, default=ScoringRule.PROPORTIONAL)
    threshold_pct = models.DecimalField(_("门槛(%)"), max_digits=6, decimal_places=2, null=True, blank=True,
                                        validators=PERCENT)
    description = models.TextField(_("说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("责任事项")
        verbose_name_plural = _("责任事项")
        ordering = ["letter_id", "order", "id"]

    def __str__(self):
        return self.title


class TaskReport(models.Model):
    """TaskReport — 任务进展: a unit's report on a task item, with its evidence, as of a date."""

    item = models.ForeignKey(LetterItem, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="reports")
    as_of = models.DateField(_("截至日期"))
    done_pct = models.DecimalField(_("完成程度(%)"), max_digits=6, decimal_places=2, validators=PERCENT)
    evidence = models.TextField(_("佐证材料说明"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT,
                                    related_name="+")
    reported_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("任务进展")
        verbose_name_plural = _("任务进展")
        ordering = ["item_id", "as_of", "id"]

    def __str__(self):
        return f"{self.item} {self.as_of}"


class LetterStep(StepBase):
    """LetterStep — 责任书流转记录: drafted → reviewed → signed, and every amendment after signing."""

    letter = models.ForeignKey(ResponsibilityLetter, on_delete=models.PROTECT, related_name="steps")

    class Meta(StepBase.Meta):
        verbose_name = _("责任书流转记录")
        verbose_name_plural = _("责任书流转记录")
