"""Shared records of the foundation: the working-day calendar (节假日与调休)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


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
