"""Records every app shares."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
