"""Issued briefings (简报): a draft staff complete with 下步工作, reviewed and approved (审核: its text frozen as
a snapshot), then 印发 with a 期号; the Word and PDF made from the snapshot are stored with their checksum and
never written again."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.models import Versioned
from luoshi.core.workflow import StepBase
from luoshi.organisations.models import Organisation, ScopedQuerySet


class BriefingIssue(Versioned):
    """BriefingIssue — 简报: one period's briefing of a district on its way from draft to 印发."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        REVIEW = "review", _("审核中")
        APPROVED = "approved", _("已审核待印发")
        ISSUED = "issued", _("已印发")

    organisation = models.ForeignKey(Organisation, verbose_name=_("单位"), on_delete=models.PROTECT)
    year = models.PositiveIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.DRAFT)
    office = models.CharField(_("印发单位"), max_length=100)
    next_steps = models.TextField(_("下步工作"), blank=True)
    snapshot = models.JSONField(_("审核通过的简报内容"), default=dict, blank=True, editable=False)
    approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    number = models.PositiveIntegerField(_("期号"), null=True, blank=True)
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    docx_data = models.BinaryField(_("Word文件"), null=True, editable=False)
    docx_sha256 = models.CharField(_("Word校验值"), max_length=64, blank=True)
    pdf_data = models.BinaryField(_("PDF文件"), null=True, editable=False)
    pdf_sha256 = models.CharField(_("PDF校验值"), max_length=64, blank=True)
    files_job = models.ForeignKey("core.Job", verbose_name=_("文件生成任务"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("起草人"), on_delete=models.PROTECT,
                                   related_name="+")
    history = HistoricalRecords(excluded_fields=["docx_data", "pdf_data"])

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("简报")
        verbose_name_plural = _("简报")
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "number"],
                                               name="briefing_number_once_per_district_year")]

    def __str__(self):
        return f"{self.organisation} {self.year}-{self.month:02d} #{self.number}"


class BriefingStep(StepBase):
    briefing = models.ForeignKey(BriefingIssue, on_delete=models.CASCADE, related_name="steps")
