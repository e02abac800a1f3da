"""Shared records of the foundation: Holiday — the working-day calendar (节假日与调休); Job — 后台任务:
long work a user started, with its progress for the page and its outcome; PeriodicSlot — 定时任务: the last
time slot in which each periodic task was queued; IdempotencyKey — 防重复提交记录; Session — 登录会话;
Versioned — the version every edited record carries."""
import uuid

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """A record people edit: its version is what an edit says it was made from, so an edit made from an
    older version is refused (`core.records.check_version`) instead of silently overwriting a newer one."""

    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        abstract = True


class Holiday(models.Model):
    """Holiday — 节假日与调休: a date that is not what its weekday says — a public holiday (休) on a weekday,
    or a make-up working day (调休上班) on a weekend. Seeded from `chinesecalendar` (which has data only up
    to its last year) and kept by the admin after that; a date not in this table follows the week
    (Monday–Friday work, Saturday and Sunday rest)."""

    class Kind(models.TextChoices):
        REST = "rest", _("休息日(节假日)")
        WORK = "work", _("工作日(调休上班)")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=60, blank=True, help_text=_("如:国庆节、春节调休"))
    source = models.CharField(_("来源"), max_length=60, blank=True,
                              help_text=_("chinesecalendar 版本,或“后台录入”"))

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()


class JobQuerySet(models.QuerySet):
    def for_user(self, user):
        """A job, its progress, errors and file are seen only by the user who started it."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Job(models.Model):
    """Job — 后台任务: a briefing file being printed, a large Excel import being checked … done / total,
    a message, then the result (a file, a link, or every error). Files are kept in the database so a
    worker on another machine can hand them back without shared storage."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        SUCCEEDED = "succeeded", _("已完成")
        FAILED = "failed", _("未完成")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("类型"), max_length=50)
    title = models.CharField(_("名称"), max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), on_delete=models.CASCADE,
                             related_name="jobs")
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    total = models.PositiveIntegerField(_("总量"), default=0)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    result_url = models.CharField(_("结果链接"), max_length=300, blank=True)
    result_html = models.TextField(_("结果"), blank=True, editable=False)
    input_data = models.BinaryField(_("上传文件"), null=True, blank=True, editable=False)
    file_data = models.BinaryField(_("生成文件"), null=True, blank=True, editable=False)
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    content_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="job_user_idx")]

    def __str__(self):
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class PeriodicSlot(models.Model):
    """PeriodicSlot — 定时任务: which time slot a periodic task was last queued for; one conditional
    update per slot, so however many workers run the beat, each slot is queued once."""

    name = models.CharField(_("任务"), max_length=100, unique=True)
    slot = models.BigIntegerField(_("时段"), default=0)
    enqueued_at = models.DateTimeField(_("最近排队时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("定时任务")
        verbose_name_plural = _("定时任务")

    def __str__(self):
        return self.name


class IdempotencyKey(models.Model):
    """IdempotencyKey — 防重复提交记录: one submission by one user — a form's one-time token or an API
    call's `Idempotency-Key` header — and the answer it got, so that the same submission arriving again
    (a double click, a client's retry) is answered with the first result instead of being filed twice.
    Kept for a day (`expires_at`); an answer still being prepared has no `status` yet."""

    FORM, API = "form", "api"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE,
                             related_name="+")
    key = models.CharField(_("键"), max_length=200)
    kind = models.CharField(_("类别"), max_length=4, choices=[(FORM, _("表单")), (API, _("接口"))])
    fingerprint = models.CharField(_("请求摘要"), max_length=64)
    path = models.CharField(_("地址"), max_length=500)
    status = models.PositiveSmallIntegerField(_("响应状态"), null=True, blank=True)
    content_type = models.CharField(_("响应类型"), max_length=100, blank=True)
    location = models.CharField(_("跳转地址"), max_length=1000, blank=True)
    body = models.BinaryField(_("响应内容"), blank=True, default=b"")
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("过期时间"), db_index=True)

    class Meta:
        verbose_name = _("防重复提交记录")
        verbose_name_plural = _("防重复提交记录")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")]

    def __str__(self):
        return f"{self.user_id}:{self.key}"


class Session(AbstractBaseSession):
    """Session — 登录会话: Django's database session (same key, encoding and expiry) with the user it was
    saved for beside it, so that every request reads its session and its user, with the user's profile and
    organisation, in one query (`core.sessions`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用户"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("登录会话")
        verbose_name_plural = _("登录会话")

    @classmethod
    def get_session_store_class(cls):
        from luoshi.core.sessions import SessionStore

        return SessionStore
