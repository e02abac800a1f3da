"""Notification — 消息提醒: one message to one user, read in the app; OutboxEntry — 待发通知: the same
message on a delivery channel, sent by a background worker after the commit; DeliveryChannel — 发送渠道:
a district's 企业微信, 钉钉 and SMS settings."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.crypto import EncryptedTextField
from luoshi.core.models import Versioned


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """A user reads only their own messages."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Notification — 消息提醒: text and a link to the record it is about; `read_at` once opened."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE,
                             related_name="notifications")
    text = models.CharField(_("内容"), max_length=500)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed = models.BooleanField(_("已发邮件"), default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("消息提醒")
        verbose_name_plural = _("消息提醒")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_inbox_idx")]

    def __str__(self):
        return self.text[:40]


class OutboxEntry(models.Model):
    """OutboxEntry — 待发通知: a notification to deliver on one channel to one address. Written in the
    same transaction as the step that caused it (so a rolled-back step leaves none), delivered by the
    worker after the commit, tried again with growing pauses; every attempt and the last error are kept."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENDING = "sending", _("发送中")
        DELIVERED = "delivered", _("已送达")
        FAILED = "failed", _("发送失败(已停止重试)")

    notification = models.ForeignKey(Notification, verbose_name=_("消息"), on_delete=models.CASCADE,
                                     related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=30)
    address = models.CharField(_("地址"), max_length=254)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("最近尝试时间"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待发通知")
        verbose_name_plural = _("通知发件箱")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.channel} → {self.address}"


class NotificationOnce(models.Model):
    """NotificationOnce — 已发提醒: the key of a reminder that must go out once (a unit's 催报 for one
    month), so a periodic task run twice, late, or on two machines never sends it again."""

    key = models.CharField(_("提醒标识"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已发提醒")
        verbose_name_plural = _("已发提醒")

    def __str__(self):
        return self.key


class ChannelKind(models.TextChoices):
    """The district channels a notification may also leave by (besides the inbox and e-mail)."""

    WECOM_ROBOT = "wecom_robot", _("企业微信群机器人")
    WECOM_APP = "wecom_app", _("企业微信应用消息")
    DINGTALK_ROBOT = "dingtalk_robot", _("钉钉群机器人")
    SMS = "sms", _("短信")


class DeliveryChannelQuerySet(models.QuerySet):
    def for_user(self, user):
        """Only the administrators who keep a district see its channels (notifications/permissions.py)."""
        from luoshi.organisations.access import visible

        return visible(user, self)


class DeliveryChannel(Versioned):
    """DeliveryChannel — 发送渠道: how one district's notifications also reach 企业微信, 钉钉 or phones.
    `url` and `secret` are write-only: pages and the API show `url_shown` and `secret_hint` (masked),
    and the history keeps only those, so a webhook key or an app secret is never read back; the columns
    hold them encrypted (core/crypto.py, key LUOSHI_FIELD_KEY), the senders read them in the clear."""

    district = models.ForeignKey("organisations.Organisation", verbose_name=_("所属区"), on_delete=models.PROTECT,
                                 related_name="delivery_channels")
    kind = models.CharField(_("渠道"), max_length=20, choices=ChannelKind.choices)
    enabled = models.BooleanField(_("启用"), default=False)
    url = EncryptedTextField(_("地址"), max_length=500, blank=True,
                             help_text=_("机器人Webhook地址;企业微信应用为接口地址;短信为网关地址"))
    url_shown = models.CharField(_("地址(隐去密钥)"), max_length=500, blank=True)
    secret = EncryptedTextField(_("密钥"), max_length=200, blank=True,
                                help_text=_("钉钉加签密钥;企业微信应用的Secret;短信网关令牌"))
    secret_hint = models.CharField(_("密钥(隐去)"), max_length=20, blank=True)
    corp_id = models.CharField(_("企业ID(corpid)"), max_length=64, blank=True)
    agent_id = models.CharField(_("应用AgentId"), max_length=20, blank=True)
    gateway = models.CharField(_("短信网关"), max_length=20, blank=True)
    template = models.TextField(_("短信请求模板"), blank=True,
                                help_text=_("JSON请求体,$mobile为手机号,$text为消息内容"))
    history = HistoricalRecords(excluded_fields=["url", "secret"])

    objects = DeliveryChannelQuerySet.as_manager()

    class Meta:
        verbose_name = _("发送渠道")
        verbose_name_plural = _("发送渠道")
        ordering = ["district_id", "kind"]
        constraints = [models.UniqueConstraint(fields=["district", "kind"], name="one_channel_kind_per_district")]

    def __str__(self):
        return f"{self.district} · {self.get_kind_display()}"
