"""企业宁静日 (DOMAIN.md section 5): from the 1st to the 25th of each month (a setting, overridable per
district) no department may inspect, assess, survey, visit or tour an enterprise except in the exempt
categories; any other visit in the window needs the 纪检监察工委's approval before its date. Outside the
window visits are allowed and still recorded. Enterprises see the visits announced on them and report
the ones that were not."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.models import Versioned
from luoshi.core.workflow import StepBase
from luoshi.organisations.models import DeclaredScopeQuerySet, Enterprise, Organisation


class VisitType(models.TextChoices):
    INSPECTION = "inspection", _("检查")
    ASSESSMENT = "assessment", _("考核")
    SURVEY = "survey", _("调研")
    VISIT = "visit", _("走访")
    TOUR = "tour", _("观摩")


class VisitCategory(models.TextChoices):
    PUBLIC_SAFETY = "public_safety", _("公共安全")
    WORK_SAFETY = "work_safety", _("安全生产")
    ENVIRONMENT = "environment", _("环境保护")
    FOOD_DRUG = "food_drug", _("食品药品安全")
    COMPLAINT = "complaint", _("投诉举报")
    EMERGENCY = "emergency", _("突发事件")
    CASE = "case", _("案件查处")
    HIGHER_LEVEL = "higher_level", _("上级部署的检查调研")
    OTHER = "other", _("其他(非豁免)")


EXEMPT_CATEGORIES = frozenset(VisitCategory.values) - {VisitCategory.OTHER}


class VisitState(models.TextChoices):
    FILED = "filed", _("已报备")
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("已驳回")
    DONE = "done", _("已完成")
    CANCELLED = "cancelled", _("已取消")


# What an enterprise is shown as announced on it: visits that may take place or took place.
ANNOUNCED_STATES = (VisitState.FILED, VisitState.APPROVED, VisitState.DONE)


class QuietWindow(models.Model):
    """QuietWindow — 宁静日期间: a district's own window; without one, settings.LUOSHI["QUIET_WINDOW"]."""

    district = models.OneToOneField(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                    related_name="quiet_window")
    first_day = models.PositiveSmallIntegerField(_("起始日"))
    last_day = models.PositiveSmallIntegerField(_("截止日"))
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)

    class Meta:
        verbose_name = _("宁静日期间")
        verbose_name_plural = _("宁静日期间")
        constraints = [models.CheckConstraint(
            condition=models.Q(first_day__gte=1, last_day__lte=31, first_day__lte=models.F("last_day")),
            name="quiet_window_valid")]

    def __str__(self):
        return f"{self.district} {self.first_day}—{self.last_day}"


class PlannedVisitQuerySet(DeclaredScopeQuerySet):
    """Scoped by the rows declared in `inspections.permissions`."""


class PlannedVisit(Versioned):
    """PlannedVisit — 涉企检查报备: a department's planned visit to enterprises, with its legal basis and
    category; `in_window` is fixed when it is filed, from the date and the district's quiet window."""

    class Approval(models.TextChoices):
        APPROVED = "approved", _("批准")
        REFUSED = "refused", _("驳回")

    department = models.ForeignKey(Organisation, verbose_name=_("实施部门"), on_delete=models.PROTECT,
                                   related_name="planned_visits")
    district = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                 related_name="+")
    enterprises = models.ManyToManyField(Enterprise, verbose_name=_("涉及企业"), related_name="planned_visits")
    date = models.DateField(_("日期"))
    visit_type = models.CharField(_("活动类型"), max_length=12, choices=VisitType.choices)
    category = models.CharField(_("事由类别"), max_length=16, choices=VisitCategory.choices)
    legal_basis = models.CharField(_("依据"), max_length=300)
    purpose = models.TextField(_("事由"), blank=True)
    in_window = models.BooleanField(_("在宁静日期间"))
    state = models.CharField(_("状态"), max_length=12, choices=VisitState.choices, default=VisitState.FILED)
    approval = models.CharField(_("审批结果"), max_length=10, choices=Approval.choices, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_text = models.TextField(_("审批意见"), blank=True)
    outcome = models.TextField(_("实施情况"), blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报备人"), on_delete=models.PROTECT,
                                 related_name="+")
    created_at = models.DateTimeField(_("报备时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = PlannedVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("涉企检查报备")
        verbose_name_plural = _("涉企检查报备")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["district", "date"], name="visit_month_idx")]

    def __str__(self):
        return f"{self.date} {self.department} {self.get_visit_type_display()}"

    @property
    def is_exempt(self) -> bool:
        return self.category in EXEMPT_CATEGORIES


class VisitStep(StepBase):
    """VisitStep — 审批记录: one move of a planned visit."""

    visit = models.ForeignKey(PlannedVisit, verbose_name=_("走访"), on_delete=models.CASCADE, related_name="steps")

    class Meta(StepBase.Meta):
        verbose_name = _("审批记录")
        verbose_name_plural = _("审批记录")


class ReportQuerySet(DeclaredScopeQuerySet):
    """Scoped by the rows declared in `inspections.permissions`."""


class UnannouncedVisitReport(models.Model):
    """UnannouncedVisitReport — 未报备检查举报: an enterprise tells the discipline commission of a visit
    nobody announced; the commission records what it found."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待核查")
        HANDLED = "handled", _("已核查")

    class Finding(models.TextChoices):
        CONFIRMED = "confirmed", _("属实")
        PARTLY = "partly", _("部分属实")
        UNFOUNDED = "unfounded", _("不属实")

    enterprise = models.ForeignKey(Enterprise, verbose_name=_("举报企业"), on_delete=models.PROTECT,
                                   related_name="visit_reports")
    district = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("举报人"), on_delete=models.PROTECT,
                                    related_name="+")
    visit_date = models.DateField(_("检查日期"))
    department = models.ForeignKey(Organisation, verbose_name=_("涉及部门"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    department_name = models.CharField(_("涉及部门(企业填写)"), max_length=100, blank=True)
    description = models.TextField(_("情况说明"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.SUBMITTED)
    finding_result = models.CharField(_("核查结论"), max_length=10, choices=Finding.choices, blank=True)
    finding = models.TextField(_("核查情况"), blank=True)
    matched_visit = models.ForeignKey(PlannedVisit, verbose_name=_("对应报备"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="reports")
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("核查人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    handled_at = models.DateTimeField(_("核查时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("举报时间"), auto_now_add=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("未报备检查举报")
        verbose_name_plural = _("未报备检查举报")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.enterprise} {self.visit_date}"
