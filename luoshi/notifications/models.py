"""Notification — 消息提醒: one message to one user, read in the app and also sent by e-mail."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
