"""The year's key work (重点工作) as a supervision office (督查室) keeps it: a plan per district and year in
numbered sections, each task with 牵头领导, 牵头单位, 配合单位, 完成时限, dated milestones, a category and, where
it is counted, a measure; progress reports at the task's cadence with evidence; 督办 notices with reply
deadlines in working days; and 销号 (closing) as an explicit machine. A task's status (未启动, 按期推进, 滞后,
超期, 已完成) is computed in `status.py`, never stored or typed."""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.models import Versioned
from luoshi.core.workflow import StepBase
from luoshi.organisations.models import Organisation
from luoshi.workplan.status import WorkStatus


class PlanQuerySet(models.QuerySet):
    def for_user(self, user):
        """The district's people see its plans; a unit the plans holding a task it leads or cooperates on."""
        from luoshi.organisations.access import ALL_TASKS, work_scope

        scope, where = work_scope(user)
        if scope == ALL_TASKS:
            return self.filter(organisation__in=where)
        return self.filter(pk__in=WorkTask.objects.for_user(user).values("plan_id"))


class WorkPlan(models.Model):
    """WorkPlan — 重点工作台账: one district's list of work for a year (中原区2025年“十项工作”), or a
    rectification list after an inspection (督察整改清单)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                     related_name="work_plans")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("重点工作台账")
        verbose_name_plural = _("重点工作台账")
        ordering = ["organisation_id", "-year", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "title"], name="workplan_once")]

    def __str__(self):
        return f"{self.organisation}{self.year}年{self.title}"


class Section(models.Model):
    """Section — 工作板块: one numbered heading of the plan ("1 关于重点项目建设")."""

    plan = models.ForeignKey(WorkPlan, verbose_name=_("台账"), on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("板块"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("工作板块")
        verbose_name_plural = _("工作板块")
        ordering = ["plan_id", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="workplan_section_once")]

    def __str__(self):
        return f"{self.number} {self.title}"


class TaskCategory(models.Model):
    """TaskCategory — 任务类别: 重点工作, 民生实事, 督察整改, 问题楼盘化解, 上级交办, 会议议定事项 (admins add more)."""

    name = models.CharField(_("类别"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("任务类别")
        verbose_name_plural = _("任务类别")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


RECTIFICATION = "督察整改"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("周报")
    MONTHLY = "monthly", _("月报")
    QUARTERLY = "quarterly", _("季报")


class MeasureKind(models.TextChoices):
    NONE = "", _("无量化指标")
    TARGET = "target", _("关联经济指标目标")
    PROJECT = "project", _("关联重点项目")
    INVESTMENT = "investment", _("关联招商目标")
    OWN = "own", _("自定量化指标")


class TaskState(models.TextChoices):
    OPEN = "open", _("推进中")
    APPLIED = "applied", _("申请销号")
    CLOSED = "closed", _("已销号")


class TaskQuerySet(models.QuerySet):
    def for_user(self, user):
        """A district's people see its plans whole; unit staff the tasks their unit leads or cooperates on;
        enterprises nothing (organisations.access.work_scope decides)."""
        from luoshi.organisations.access import ALL_TASKS, UNIT_TASKS, work_scope

        scope, where = work_scope(user)
        if scope == ALL_TASKS:
            return self.filter(plan__organisation__in=where)
        if scope == UNIT_TASKS:
            return self.filter(Q(lead_unit_id=where) | Q(pk__in=WorkTask.cooperating_units.through.objects.filter(
                organisation_id=where).values("worktask_id")))
        return self.none()


class WorkTask(Versioned):
    """WorkTask — 重点工作任务: one piece of work in its own words, with its leads, deadline and measure.
    A lead unit may split its task into sub-tasks (`parent`) for its own units."""

    plan = models.ForeignKey(WorkPlan, verbose_name=_("台账"), on_delete=models.PROTECT, related_name="tasks")
    section = models.ForeignKey(Section, verbose_name=_("板块"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="tasks")
    parent = models.ForeignKey("self", verbose_name=_("上级任务"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="subtasks")
    number = models.CharField(_("序号"), max_length=20, blank=True)
    title = models.TextField(_("工作任务"))
    category = models.ForeignKey(TaskCategory, verbose_name=_("类别"), on_delete=models.PROTECT)
    lead_leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("牵头领导"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="led_work_tasks")
    lead_unit = models.ForeignKey(Organisation, verbose_name=_("牵头单位"), on_delete=models.PROTECT,
                                  related_name="led_work_tasks")
    cooperating_units = models.ManyToManyField(Organisation, verbose_name=_("配合单位"), blank=True,
                                               related_name="cooperating_work_tasks")
    start = models.DateField(_("开始日期"))
    deadline = models.DateField(_("完成时限"))
    cadence = models.CharField(_("报送频次"), max_length=10, choices=Cadence.choices, default=Cadence.MONTHLY)
    measure_kind = models.CharField(_("量化方式"), max_length=10, choices=MeasureKind.choices, blank=True,
                                    default=MeasureKind.NONE)
    target = models.ForeignKey("indicators.Target", verbose_name=_("经济指标目标"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey("projects.Project", verbose_name=_("重点项目"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    investment_target = models.ForeignKey("investment.InvestmentTarget", verbose_name=_("招商目标"), null=True,
                                          blank=True, on_delete=models.PROTECT, related_name="+")
    measure_wording = models.CharField(_("目标表述"), max_length=100, blank=True,
                                       help_text=_("如“不低于1100亩”,按经济指标的表述规则读取"))
    measure_value = models.DecimalField(_("目标值"), max_digits=14, decimal_places=4, null=True, blank=True)
    measure_unit = models.CharField(_("计量单位"), max_length=10, blank=True)
    problem = models.TextField(_("问题"), blank=True, help_text=_("督察整改:反馈的问题"))
    standard = models.TextField(_("整改标准"), blank=True)
    state = models.CharField(_("销号状态"), max_length=10, choices=TaskState.choices, default=TaskState.OPEN)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("重点工作任务")
        verbose_name_plural = _("重点工作任务")
        ordering = ["plan_id", "section__number", "id"]
        indexes = [models.Index(fields=["plan", "state", "deadline"], name="worktask_plan_idx"),
                   models.Index(fields=["lead_unit", "state"], name="worktask_unit_idx"),
                   # Every column judging reads (judging.judge), so a plan's tasks are judged from the index
                   # alone, never their wide rows (title, problem, standard): 22 → 13 ms for 5,000 on SQLite.
                   models.Index(fields=["plan", "id", "section", "parent", "category", "state", "closed_on", "start",
                                        "deadline", "cadence", "measure_kind", "measure_value", "lead_unit",
                                        "lead_leader"], name="worktask_judge_idx")]

    def __str__(self):
        return self.title[:60]

    def unit_ids(self) -> set[int]:
        return {self.lead_unit_id, *self.cooperating_units.values_list("pk", flat=True)}


class ChildQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(task__in=WorkTask.objects.for_user(user))


class Milestone(models.Model):
    """Milestone — 节点: a dated step of a task ("3月底前实质性开工"); done when a report says so."""

    task = models.ForeignKey(WorkTask, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="milestones")
    due = models.DateField(_("节点时间"))
    title = models.CharField(_("节点内容"), max_length=200)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("工作节点")
        verbose_name_plural = _("工作节点")
        ordering = ["task_id", "due", "id"]
        # A task's earliest milestone not done, one index probe per task (judging.computed_latest).
        indexes = [models.Index(fields=["task", "due", "id"], condition=Q(done_on__isnull=True),
                                name="workmilestone_open_idx")]

    def __str__(self):
        return f"{self.due} {self.title}"


class TaskOutput(models.Model):
    """TaskOutput — 民生实事产出: one counted output in its unit ("新增学位7000个"), reported as it grows."""

    task = models.ForeignKey(WorkTask, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="outputs")
    name = models.CharField(_("产出"), max_length=60)
    unit = models.CharField(_("单位"), max_length=10, help_text=_("如:所、张、条、个、学位、万平方米"))
    planned = models.DecimalField(_("计划数"), max_digits=14, decimal_places=4)
    achieved = models.DecimalField(_("已完成"), max_digits=14, decimal_places=4, default=0)
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("民生实事产出")
        verbose_name_plural = _("民生实事产出")
        ordering = ["task_id", "id"]

    def __str__(self):
        return f"{self.name}({self.unit})"


class ProgressReport(models.Model):
    """ProgressReport — 进展报送: a unit's report for one period of the task's cadence: text, percent done or
    the measured value, evidence files. Wrong reports are withdrawn (作废) with a reason, never deleted."""

    task = models.ForeignKey(WorkTask, verbose_name=_("任务"), on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(Organisation, verbose_name=_("报送单位"), on_delete=models.PROTECT, related_name="+")
    period_end = models.DateField(_("报送期"), help_text=_("所报周期的最后一天"))
    text = models.TextField(_("进展情况"))
    percent = models.DecimalField(_("完成进度(%)"), max_digits=5, decimal_places=1, null=True, blank=True,
                                  validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))])
    value = models.DecimalField(_("量化完成值"), max_digits=14, decimal_places=4, null=True, blank=True)
    milestone = models.ForeignKey(Milestone, verbose_name=_("完成节点"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT,
                                    related_name="+")
    reported_at = models.DateTimeField(_("填报时间"))
    withdrawn_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("进展报送")
        verbose_name_plural = _("进展报送")
        ordering = ["task_id", "period_end", "id"]
        # The lead unit's latest valid report of a task, one index probe per task (judging.computed_latest).
        indexes = [models.Index(fields=["task", "period_end"], name="workreport_task_idx"),
                   models.Index(fields=["task", "unit", "period_end", "id"], condition=Q(withdrawn_reason=""),
                                name="workreport_latest_idx")]

    def __str__(self):
        return f"{self.task} {self.period_end}"


class TaskLatest(models.Model):
    """TaskLatest — 任务最新情况（派生）: where a task stands, kept by the services as reports, milestones and
    the lead unit change — the lead unit's latest valid report and the earliest milestone not yet done, with
    the figures a status rests on copied beside them — so judging thousands of tasks reads one row per task
    instead of looking each up again — and the status judged from them (`services.latest.refresh_latest`
    keeps it; `manage.py workplan_latest --check` proves it)."""

    task = models.OneToOneField(WorkTask, verbose_name=_("任务"), primary_key=True, on_delete=models.CASCADE,
                                related_name="latest")
    report = models.ForeignKey(ProgressReport, verbose_name=_("牵头单位最新进展"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    period_end = models.DateField(_("报送期"), null=True, blank=True)
    percent = models.DecimalField(_("完成进度(%)"), max_digits=5, decimal_places=1, null=True, blank=True)
    value = models.DecimalField(_("量化完成值"), max_digits=14, decimal_places=4, null=True, blank=True)
    milestone = models.ForeignKey(Milestone, verbose_name=_("最早未完成节点"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    milestone_due = models.DateField(_("节点时间"), null=True, blank=True)
    milestone_title = models.CharField(_("节点内容"), max_length=200, blank=True)
    # The status as last judged from the above, the day it was judged for and the district's margin it used:
    # a page counts, filters and orders thousands of tasks by it in SQL, and judges afresh the tasks whose
    # kept status is not today's (or rests on another app's record); see workplan/standing.py.
    status = models.CharField(_("状态（判定时）"), max_length=12, choices=WorkStatus.choices, blank=True)
    judged_on = models.DateField(_("判定日"), null=True, blank=True)
    judged_margin = models.DecimalField(_("判定所用接近区间(百分点)"), max_digits=4, decimal_places=2, null=True,
                                        blank=True)

    class Meta:
        verbose_name = _("任务最新情况（派生）")
        verbose_name_plural = _("任务最新情况（派生）")

    def __str__(self):
        return str(self.task)


class Evidence(models.Model):
    """Evidence — 佐证材料: a file attached to a progress report or a 销号 application (checked by content)."""

    task = models.ForeignKey(WorkTask, verbose_name=_("任务"), on_delete=models.PROTECT, related_name="evidence")
    report = models.ForeignKey(ProgressReport, verbose_name=_("进展报送"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="files")
    file = models.FileField(_("文件"), upload_to="workplan/%Y/%m/")
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["task_id", "id"]

    def __str__(self):
        return self.original_name


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("提醒")
    URGE = "urge", _("催办单")
    SUPERVISE = "supervise", _("督办单")
    LISTED = "listed", _("挂牌督办")


class NoticeState(models.TextChoices):
    OPEN = "open", _("待回复")
    ESCALATED = "escalated", _("逾期未复,已报牵头领导")
    ANSWERED = "answered", _("已回复")


class Notice(Versioned):
    """Notice — 督办通知: 提醒 / 催办单 / 督办单 / 挂牌督办 from the 督查室, with a written reply due within a number
    of working days; unanswered by then it escalates to the 牵头领导."""

    task = models.ForeignKey(WorkTask, verbose_name=_("任务"), on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("督办方式"), max_length=10, choices=NoticeKind.choices)
    text = models.TextField(_("督办事项"))
    reply_days = models.PositiveSmallIntegerField(_("回复时限(工作日)"))
    reply_deadline = models.DateField(_("回复期限"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("签发人"), on_delete=models.PROTECT,
                                  related_name="+")
    issued_on = models.DateField(_("签发日期"))
    state = models.CharField(_("状态"), max_length=10, choices=NoticeState.choices, default=NoticeState.OPEN)
    reply = models.TextField(_("回复"), blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回复人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("督办通知")
        verbose_name_plural = _("督办通知")
        ordering = ["task_id", "issued_on", "id"]
        indexes = [models.Index(fields=["state", "reply_deadline"], name="worknotice_due_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.task}"

    def conflict_summary(self) -> str:
        """What a stale reply is shown: the reply someone gave first, or the state the notice moved to."""
        if self.state != NoticeState.ANSWERED:
            return str(self.get_state_display())
        from luoshi.organisations.selectors import person_label

        return _("%(u)s已于%(d)s回复：“%(t)s”") % {"u": person_label(self.replied_by),
                                                 "d": self.replied_on, "t": self.reply[:80]}


class TaskStep(StepBase):
    """TaskStep — 督办记录: every move on a task — reports, notices, replies, escalations, 销号 moves."""

    task = models.ForeignKey(WorkTask, on_delete=models.PROTECT, related_name="steps")
    notice = models.ForeignKey(Notice, null=True, blank=True, on_delete=models.PROTECT, related_name="steps")

    class Meta(StepBase.Meta):
        verbose_name = _("督办记录")
        verbose_name_plural = _("督办记录")
