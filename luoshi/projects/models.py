"""Major projects (重点项目): the four libraries 储备库 → 拟开工库 → 在建库 → 竣工库, then 投用 (or 终止),
with the pre-work approvals before the start, the monthly investment during construction, and the
migrant workers' wages (农民工工资) while it is built. Money in 亿元, wages in 万元, Decimal."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.models import Versioned
from luoshi.core.workflow import StepBase
from luoshi.organisations.models import DeclaredScopeQuerySet, Organisation, ScopedQuerySet


class Stage(models.TextChoices):
    RESERVE = "reserve", _("储备库")
    READY = "ready", _("拟开工库")
    CONSTRUCTION = "construction", _("在建库")
    COMPLETED = "completed", _("竣工库")
    IN_USE = "in_use", _("投用")
    TERMINATED = "terminated", _("终止")


class Level(models.TextChoices):
    PROVINCE = "province", _("省重点")
    CITY = "city", _("市重点")
    DISTRICT = "district", _("区重点")


class Batch(models.TextChoices):
    SIGNING = "signing", _("签约一批")
    STARTING = "starting", _("开工一批")
    PRODUCING = "producing", _("投产一批")


class Construction(models.TextChoices):
    CONTINUING = "continuing", _("续建")
    NEW = "new", _("新开工")


class ProjectCategory(models.Model):
    """ProjectCategory — 项目类别: 基础设施, 产业转型 … (admins add more)."""

    name = models.CharField(_("类别"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("项目类别")
        verbose_name_plural = _("项目类别")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class ApprovalKind(models.Model):
    """ApprovalKind — 前期手续: 立项, 用地, 规划, 环评, 施工许可 (admins configure the list)."""

    name = models.CharField(_("手续"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)
    due_days = models.PositiveSmallIntegerField(_("计划办理天数"), default=60,
                                                help_text=_("转入拟开工库后多少天内应办结(计划办结日期由此算出)"))

    class Meta:
        verbose_name = _("前期手续")
        verbose_name_plural = _("前期手续")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class FundingChannel(models.TextChoices):
    CENTRAL_BUDGET = "central_budget", _("中央预算内")
    SPECIAL_BOND = "special_bond", _("专项债")
    SPECIAL_LOAN = "special_loan", _("专项借款")
    OTHER = "other", _("其他")


class FundingState(models.TextChoices):
    PREPARING = "preparing", _("谋划中")
    APPLIED = "applied", _("已申报")
    APPROVED = "approved", _("已获批")
    REFUSED = "refused", _("未获批")


class RenewalArea(models.Model):
    """RenewalArea — 城市更新片区: the top of "片区—单元—项目", a record of its district."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                     related_name="renewal_areas")
    name = models.CharField(_("片区名称"), max_length=60)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("城市更新片区")
        verbose_name_plural = _("城市更新片区")
        ordering = ["organisation_id", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="renewal_area_once")]

    def __str__(self):
        return self.name


class RenewalUnitQuerySet(ScopedQuerySet):
    organisation_path = "area__organisation"


class RenewalUnit(models.Model):
    """RenewalUnit — 城市更新单元: the middle of "片区—单元—项目"; projects belong to a unit."""

    area = models.ForeignKey(RenewalArea, verbose_name=_("片区"), on_delete=models.PROTECT, related_name="units")
    name = models.CharField(_("单元名称"), max_length=60)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = RenewalUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("城市更新单元")
        verbose_name_plural = _("城市更新单元")
        ordering = ["area_id", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="renewal_unit_once")]

    def __str__(self):
        return f"{self.area.name}·{self.name}"


class ProjectQuerySet(DeclaredScopeQuerySet):
    """The district's projects for its people, and to a unit the projects it is responsible for (the rows
    declared in `projects.permissions`)."""


class Project(Versioned):
    """Project — 重点项目: one project of a district's pipeline, owned by a unit and a 分包 leader."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                     related_name="projects")
    code = models.CharField(_("项目编号"), max_length=40, unique=True)
    name = models.CharField(_("项目名称"), max_length=200)
    responsible_unit = models.ForeignKey(Organisation, verbose_name=_("责任单位"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("分包领导"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="led_projects")
    category = models.ForeignKey(ProjectCategory, verbose_name=_("类别"), on_delete=models.PROTECT)
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices, default=Level.DISTRICT)
    batch = models.CharField(_("三个一批"), max_length=10, choices=Batch.choices, blank=True)
    batch_date = models.DateField(_("批次日期"), null=True, blank=True)
    construction = models.CharField(_("续建/新开工"), max_length=12, choices=Construction.choices,
                                    default=Construction.NEW)
    total_investment = models.DecimalField(_("总投资(亿元)"), max_digits=12, decimal_places=4)
    plan_year = models.PositiveSmallIntegerField(_("计划年度"))
    year_plan = models.DecimalField(_("年度计划投资(亿元)"), max_digits=12, decimal_places=4)
    planned_start = models.DateField(_("计划开工"), null=True, blank=True)
    planned_finish = models.DateField(_("计划竣工"), null=True, blank=True)
    actual_start = models.DateField(_("实际开工"), null=True, blank=True)
    completed_on = models.DateField(_("竣工日期"), null=True, blank=True)
    in_use_on = models.DateField(_("投用日期"), null=True, blank=True)
    location = models.CharField(_("建设地点"), max_length=200, blank=True)
    renewal = models.ForeignKey(RenewalUnit, verbose_name=_("城市更新单元"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="projects")
    in_national_library = models.BooleanField(_("录入国家重大项目库"), default=False)
    funding_demand = models.DecimalField(_("资金需求(亿元)"), max_digits=12, decimal_places=4, null=True, blank=True)
    funding_channel = models.CharField(_("资金渠道"), max_length=16, choices=FundingChannel.choices, blank=True)
    funding_state = models.CharField(_("申报状态"), max_length=12, choices=FundingState.choices, blank=True)
    stage = models.CharField(_("所在库"), max_length=12, choices=Stage.choices, default=Stage.RESERVE)
    termination_reason = models.CharField(_("终止原因"), max_length=200, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("重点项目")
        verbose_name_plural = _("重点项目")
        ordering = ["organisation_id", "code"]
        indexes = [models.Index(fields=["organisation", "stage"], name="project_board_idx")]

    def __str__(self):
        return self.name


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("办理中")
    DONE = "done", _("已办结")
    WAIVED = "waived", _("免办")


class ChildQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(project__in=Project.objects.for_user(user))


class CountedQuerySet(ChildQuerySet):
    """Reports and wage records: `counted()` leaves out those withdrawn (作废), which stay for the record."""

    def counted(self):
        return self.filter(withdrawn_at__isnull=True)


class ProjectApproval(Versioned):
    """ProjectApproval — 项目手续: one pre-work approval of a project, its due date and its state."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="approvals")
    kind = models.ForeignKey(ApprovalKind, verbose_name=_("手续"), on_delete=models.PROTECT)
    status = models.CharField(_("状态"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING)
    due_date = models.DateField(_("计划办结"), null=True, blank=True)
    done_date = models.DateField(_("办结日期"), null=True, blank=True)
    document = models.CharField(_("批复文件"), max_length=200, blank=True, help_text=_("办结的批复文号或文件名"))
    waiver_reason = models.CharField(_("免办理由"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("项目手续")
        verbose_name_plural = _("项目手续")
        ordering = ["project_id", "kind__order"]
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="approval_once_per_project")]

    def __str__(self):
        return f"{self.project} {self.kind}"

    def conflict_summary(self) -> str:
        """The newer state a stale edit is shown: 立项已办结(2025-03-01,郑发改〔2025〕12号)."""
        done = "，".join(str(part) for part in (self.done_date, self.document) if part)
        detail = {ApprovalStatus.DONE: done, ApprovalStatus.WAIVED: self.waiver_reason}.get(self.status, "")
        text = f"{self.kind.name}{self.get_status_display()}"
        return f"{text}（{detail}）" if detail else text


class Milestone(models.Model):
    """Milestone — 节点目标: a dated aim of a project ("3月底前实质性开工"); past its date and not reached,
    the project raises an alert."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("节点目标"), max_length=200)
    due_date = models.DateField(_("计划完成"))
    reached_on = models.DateField(_("实际完成"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("节点目标")
        verbose_name_plural = _("节点目标")
        ordering = ["project_id", "due_date", "id"]

    def __str__(self):
        return self.title


class ProjectStep(StepBase):
    """ProjectStep — 项目流转记录: every move between libraries, with who, when and why."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="steps")

    class Meta(StepBase.Meta):
        verbose_name = _("项目流转记录")
        verbose_name_plural = _("项目流转记录")


class MonthlyReport(Versioned):
    """MonthlyReport — 月度进度: investment completed this month and since January (亿元)."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    month_investment = models.DecimalField(_("本月完成投资(亿元)"), max_digits=12, decimal_places=4)
    cumulative = models.DecimalField(_("年内累计完成(亿元)"), max_digits=12, decimal_places=4)
    note = models.CharField(_("进展情况"), max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("作废人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    withdrawal_reason = models.TextField(_("作废原因"), blank=True)
    history = HistoricalRecords()

    objects = CountedQuerySet.as_manager()

    class Meta:
        verbose_name = _("月度进度")
        verbose_name_plural = _("月度进度")
        ordering = ["project_id", "year", "month"]
        constraints = [models.UniqueConstraint(fields=["project", "year", "month"], name="report_once_per_month",
                                               condition=models.Q(withdrawn_at__isnull=True))]

    def __str__(self):
        return f"{self.project} {self.year}-{self.month:02d}"

    def conflict_summary(self) -> str:
        from luoshi.core.units import fmt

        return _("%(y)d年%(m)d月本月完成%(a)s亿元，年内累计%(c)s亿元") % {
            "y": self.year, "m": self.month, "a": fmt(self.month_investment), "c": fmt(self.cumulative)}


class WageRecord(Versioned):
    """WageRecord — 农民工工资: one month's payroll due and paid (万元) and workers of a project being built."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="wages")
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    payroll_due = models.DecimalField(_("应发工资(万元)"), max_digits=12, decimal_places=2)
    paid = models.DecimalField(_("实发工资(万元)"), max_digits=12, decimal_places=2)
    workers = models.PositiveIntegerField(_("务工人数"))
    withdrawn_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("作废人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    withdrawal_reason = models.TextField(_("作废原因"), blank=True)
    history = HistoricalRecords()

    objects = CountedQuerySet.as_manager()

    class Meta:
        verbose_name = _("农民工工资")
        verbose_name_plural = _("农民工工资")
        ordering = ["project_id", "year", "month"]
        constraints = [models.UniqueConstraint(fields=["project", "year", "month"], name="wages_once_per_month",
                                               condition=models.Q(withdrawn_at__isnull=True))]

    def __str__(self):
        return f"{self.project} {self.year}-{self.month:02d}"

    def conflict_summary(self) -> str:
        from luoshi.core.units import fmt

        return _("%(y)d年%(m)d月应发%(d)s万元，实发%(p)s万元，务工%(w)d人") % {
            "y": self.year, "m": self.month, "d": fmt(self.payroll_due), "p": fmt(self.paid), "w": self.workers}


class CategoryPlan(models.Model):
    """CategoryPlan — 领域投资目标: the floor a category must reach in a year ("确保完成投资53亿元以上")."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                     related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    category = models.ForeignKey(ProjectCategory, verbose_name=_("类别"), on_delete=models.PROTECT)
    floor = models.DecimalField(_("确保完成投资(亿元)"), max_digits=12, decimal_places=4)
    source = models.CharField(_("来源"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("领域投资目标")
        verbose_name_plural = _("领域投资目标")
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "category"], name="one_plan_per_cat")]

    def __str__(self):
        return f"{self.organisation} {self.year} {self.category}"
