"""企业诉求闭环 and 企业家接待日 (DOMAIN.md section 4).

An appeal ("急难愁盼") runs 登记 → 交办 → 研判 → 解决 → 反馈回访 → 办结; the moves are the table in
`services.TRANSITIONS`, each one an AppealStep. 反馈回访 is the enterprise's rating of a solved appeal:
满意/基本满意 closes it (办结), 不满意 reopens it to 交办. Reception days are generated from the district's roster
of leaders by the rule in settings.LUOSHI["RECEPTION_RULE"]; a booking can produce appeals.
"""
import uuid
from datetime import datetime, timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.models import Versioned
from luoshi.core.workflow import StepBase
from luoshi.organisations.models import DeclaredScopeQuerySet, Enterprise, Organisation


class Category(models.TextChoices):
    LAND = "land", _("用地")
    FINANCE = "finance", _("融资")
    LABOUR = "labour", _("用工")
    APPROVAL = "approval", _("审批")
    POLICY = "policy", _("政策兑现")
    INFRASTRUCTURE = "infrastructure", _("基础设施")
    UTILITIES = "utilities", _("水电气暖")
    OTHER = "other", _("其他")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")
    CRITICAL = "critical", _("特急")


class Channel(models.TextChoices):
    ONLINE = "online", _("企业在线提交")
    RECEPTION = "reception", _("企业家接待日")
    VISIT = "visit", _("走访收集")
    PHONE = "phone", _("电话受理")


class State(models.TextChoices):
    REGISTERED = "registered", _("登记")
    ASSIGNED = "assigned", _("交办")
    ANALYSING = "analysing", _("研判")
    SOLVED = "solved", _("解决")  # answered; waits for the enterprise's 反馈回访 (rating)
    CLOSED = "closed", _("办结")


OPEN_STATES = (State.ASSIGNED, State.ANALYSING)  # the unit owes an answer; the deadline runs


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class AppealQuerySet(DeclaredScopeQuerySet):
    """Scoped by the rows declared in `appeals.permissions`."""


class Appeal(Versioned):
    """Appeal — 企业诉求: one problem an enterprise needs solved, owned by one unit at a time, with a
    deadline from its category and urgency, until the enterprise confirms the answer (办结)."""

    enterprise = models.ForeignKey(Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="appeals")
    district = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                 related_name="+")
    category = models.CharField(_("诉求类别"), max_length=20, choices=Category.choices)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    title = models.CharField(_("诉求标题"), max_length=100)
    description = models.TextField(_("诉求内容"))
    channel = models.CharField(_("来源渠道"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                    related_name="+")
    booking = models.ForeignKey("Booking", verbose_name=_("接待日预约"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="appeals")
    assigned_unit = models.ForeignKey(Organisation, verbose_name=_("承办单位"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="appeals")
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    deadline = models.DateField(_("办理期限"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.REGISTERED)
    escalation_level = models.PositiveSmallIntegerField(_("督办级别"), default=0,
                                                        help_text=_("0 未督办,1 超期督办承办单位,2 报区领导"))
    answer = models.TextField(_("答复意见"), blank=True)
    actions_taken = models.TextField(_("办理情况"), blank=True)
    solved_at = models.DateTimeField(_("解决时间"), null=True, blank=True)
    rating = models.CharField(_("满意度"), max_length=12, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("企业诉求")
        verbose_name_plural = _("企业诉求")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["district", "state", "deadline"], name="appeal_supervision_idx"),
                   models.Index(fields=["assigned_unit", "state"], name="appeal_inbox_idx")]

    def __str__(self):
        return f"{self.enterprise} · {self.title}"

    def is_overdue(self, on) -> bool:
        """Open (the unit owes an answer) and past its deadline on the given date."""
        return self.state in OPEN_STATES and self.deadline is not None and on > self.deadline


class AppealStep(StepBase):
    """AppealStep — 办理记录: one move of the loop, a reminder or an escalation."""

    appeal = models.ForeignKey(Appeal, verbose_name=_("诉求"), on_delete=models.CASCADE, related_name="steps")
    unit = models.ForeignKey(Organisation, verbose_name=_("承办单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(_("满意度"), max_length=12, choices=Rating.choices, blank=True)

    class Meta(StepBase.Meta):
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")


def attachment_path(instance, filename):
    """A random name under var/media/appeals/: the original name is kept in the row, never in the path;
    the extension is the one of the type judged from the content (`uploads.stored_name`)."""
    return f"appeals/{instance.appeal_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class AppealAttachment(models.Model):
    """AppealAttachment — 诉求附件: checked by content and size on upload; served only to users who may
    see the appeal (`selectors.attachment_for_user`), never from a public URL."""

    appeal = models.ForeignKey(Appeal, verbose_name=_("诉求"), on_delete=models.CASCADE,
                               related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("诉求附件")
        verbose_name_plural = _("诉求附件")
        ordering = ["id"]

    def __str__(self):
        return self.original_name


class AppealReminder(models.Model):
    """AppealReminder — 督办记录: a reminder or escalation already sent. The unique key makes the
    scheduler idempotent: one row per appeal, kind, level and deadline, so a new deadline (after a
    reopen) may be chased again but the same one never twice."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("到期提醒")
        ESCALATION = "escalation", _("超期督办")

    appeal = models.ForeignKey(Appeal, verbose_name=_("诉求"), on_delete=models.CASCADE,
                               related_name="reminders")
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("级别"), default=0)
    deadline = models.DateField(_("办理期限"))
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("督办记录")
        verbose_name_plural = _("督办记录")
        constraints = [models.UniqueConstraint(fields=["appeal", "kind", "level", "deadline"],
                                               name="appeal_reminder_once")]

    def __str__(self):
        return f"{self.appeal} {self.get_kind_display()}"


# --- reception days ------------------------------------------------------------------------------

class LeaderRank(models.TextChoices):
    PRINCIPAL = "principal", _("主要领导")
    DEPUTY = "deputy", _("分管领导")


class ReceptionLeader(models.Model):
    """ReceptionLeader — 接待领导名单: who hosts reception days in a district, in rotation order."""

    district = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                 related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("领导"), on_delete=models.PROTECT,
                             related_name="+")
    rank = models.CharField(_("领导类别"), max_length=10, choices=LeaderRank.choices)
    title = models.CharField(_("职务"), max_length=50, blank=True)
    order = models.PositiveSmallIntegerField(_("轮值顺序"), default=1)
    is_active = models.BooleanField(_("在岗"), default=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)

    class Meta:
        verbose_name = _("接待领导")
        verbose_name_plural = _("接待领导")
        ordering = ["district_id", "rank", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["district", "user", "rank"], name="reception_leader_once")]

    def __str__(self):
        return f"{self.title or self.user} ({self.get_rank_display()})"


class ReceptionDayQuerySet(DeclaredScopeQuerySet):
    """Scoped by the rows declared in `appeals.permissions`."""


class ReceptionDay(models.Model):
    """ReceptionDay — 企业家接待日: a date on which one leader receives enterprises, in `slots` turns."""

    district = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                 related_name="+")
    host = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接待领导"), on_delete=models.PROTECT,
                             related_name="hosted_reception_days")
    host_rank = models.CharField(_("领导类别"), max_length=10, choices=LeaderRank.choices)
    date = models.DateField(_("日期"))
    start = models.TimeField(_("开始时间"))
    slot_minutes = models.PositiveSmallIntegerField(_("每场分钟数"), default=30)
    slots = models.PositiveSmallIntegerField(_("场次数"), default=6)
    location = models.CharField(_("地点"), max_length=100, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)

    objects = ReceptionDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("企业家接待日")
        verbose_name_plural = _("企业家接待日")
        ordering = ["date", "start", "id"]
        constraints = [models.UniqueConstraint(fields=["district", "date", "host_rank"],
                                               name="reception_day_once")]

    def __str__(self):
        return f"{self.date} {self.host}"

    def slot_time(self, slot: int):
        """Start time of turn `slot` (1-based)."""
        start = datetime.combine(self.date, self.start) + timedelta(minutes=self.slot_minutes * (slot - 1))
        return start.time()


class BookingQuerySet(DeclaredScopeQuerySet):
    """Scoped by the rows declared in `appeals.permissions`."""


class Booking(models.Model):
    """Booking — 接待日预约: an enterprise takes one turn of a reception day and states its topic."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("已预约")
        CANCELLED = "cancelled", _("已取消")

    reception_day = models.ForeignKey(ReceptionDay, verbose_name=_("接待日"), on_delete=models.PROTECT,
                                      related_name="bookings")
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="reception_bookings")
    slot = models.PositiveSmallIntegerField(_("场次"))
    topic = models.CharField(_("反映事项"), max_length=300)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.BOOKED)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("预约人"), on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField(_("预约时间"), auto_now_add=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("接待日预约")
        verbose_name_plural = _("接待日预约")
        ordering = ["reception_day__date", "slot", "id"]
        constraints = [
            models.UniqueConstraint(fields=["reception_day", "slot"], condition=models.Q(status="booked"),
                                    name="booking_slot_once"),
            models.UniqueConstraint(fields=["reception_day", "enterprise"], condition=models.Q(status="booked"),
                                    name="booking_enterprise_once"),
        ]

    def __str__(self):
        return f"{self.reception_day} #{self.slot} {self.enterprise}"
