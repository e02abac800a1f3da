"""A report that was read (SourceDocument) and the figures proposed from it (Finding).

Nothing here is a ledger record: a Finding waits for a person to accept, edit or reject it, and only
acceptance writes a target or actual, through the indicators services, with the document and span as
its source. A document is stored once per organisation and text (sha256), so reading it again returns
the same findings instead of new ones.
"""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.models import Versioned
from luoshi.core.targets import Commitment, Comparator
from luoshi.core.units import Unit
from luoshi.organisations.models import Organisation, ScopedQuerySet


class Kind(models.TextChoices):
    TARGET = "target", _("目标")
    RESULT = "result", _("实绩")
    PROJECT = "project", _("项目")
    COUNT = "count", _("数量")
    RANGE = "range", _("区间")
    SHARE = "share", _("占比")
    TASK = "task", _("工作任务")
    RELATIVE = "relative", _("相对目标")


class Role(models.TextChoices):
    """What the figure is in time: promised, scheduled, or achieved (目标 / 计划 / 实绩)."""
    TARGET = "target", _("目标")
    PLAN = "plan", _("计划")
    RESULT = "result", _("实绩")


class Status(models.TextChoices):
    PROPOSED = "proposed", _("待确认")
    ACCEPTED = "accepted", _("已采纳")
    EDITED = "edited", _("已修改待采纳")
    REJECTED = "rejected", _("已驳回")


class SourceDocument(models.Model):
    """SourceDocument — 来源文件: one report as uploaded or pasted, kept verbatim so spans stay valid."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("所属单位"), on_delete=models.PROTECT,
                                     related_name="source_documents")
    title = models.CharField(_("标题"), max_length=200)
    date = models.DateField(_("文件日期"), null=True, blank=True,
                            help_text=_("用于解析“明年”“今年”;未填写时从正文识别"))
    text = models.TextField(_("正文"))
    sha256 = models.CharField(_("正文摘要"), max_length=64, editable=False)
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("来源文件")
        verbose_name_plural = _("来源文件")
        ordering = ["-uploaded_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "sha256"], name="document_once_per_org")]

    def __str__(self):
        return self.title


class FindingQuerySet(ScopedQuerySet):
    organisation_path = "document__organisation"


class Finding(Versioned):
    """Finding — 解析结果: one proposed figure, with its span in the document and what a record needs."""

    document = models.ForeignKey(SourceDocument, verbose_name=_("来源文件"), on_delete=models.CASCADE,
                                 related_name="findings")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.RESULT)
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    text = models.CharField(_("原文"), max_length=300)
    wording = models.CharField(_("目标表述"), max_length=200, blank=True,
                               help_text=_("采纳为目标时保存的原文表述,如“增长6%左右”"))
    organisation_name = models.CharField(_("原文中的单位"), max_length=100, blank=True)
    organisation = models.ForeignKey(Organisation, verbose_name=_("单位"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(_("月份"), null=True, blank=True,
                                             help_text=_("实绩的截止月份,如“前三季度”为9"))
    indicator_phrase = models.CharField(_("原文中的指标"), max_length=200, blank=True)
    indicator = models.ForeignKey("indicators.Indicator", verbose_name=_("指标"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    linked_indicator = models.ForeignKey("indicators.Indicator", verbose_name=_("关联指标"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+",
                                         help_text=_("相对目标比照的指标,如“与经济增长基本同步”的地区生产总值"))
    # A growth read from a report may be a fall ("下降3%"), never more than all of it.
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=4, validators=[MinValueValidator(-100)])
    value_high = models.DecimalField(_("区间上限"), max_digits=20, decimal_places=4, null=True, blank=True,
                                     validators=[MinValueValidator(-100)])
    unit = models.CharField(_("单位"), max_length=10, choices=Unit.choices)
    is_growth = models.BooleanField(_("增速"), default=False, help_text=_("增长率,而非总量"))
    comparator = models.CharField(_("比较方式"), max_length=10, choices=Comparator.choices,
                                  default=Comparator.PLAIN)
    commitment = models.CharField(_("约束程度"), max_length=10, choices=Commitment.choices,
                                  default=Commitment.NORMAL)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    record_type = models.ForeignKey(ContentType, verbose_name=_("记录类型"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField(_("记录编号"), null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    review_note = models.CharField(_("确认说明"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("解析结果")
        verbose_name_plural = _("解析结果")
        ordering = ["document_id", "start", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "start", "end", "kind"],
                                               name="finding_once_per_span")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.text}"

    @property
    def open(self) -> bool:
        return self.status in (Status.PROPOSED, Status.EDITED)

    def conflict_summary(self) -> str:
        from luoshi.core.units import fmt

        return _("%(s)s，数值%(v)s") % {"s": self.get_status_display(), "v": fmt(self.value, self.unit)}

    def source_label(self) -> str:
        """What an accepted record keeps as its source: the document and the span."""
        return f"{self.document.title}[{self.start}:{self.end}]"[:200]
