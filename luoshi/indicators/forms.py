"""Entry forms. Numbers are taken as text and read by the services (Decimal, never float), so that the
form, the Excel import and the API give the same errors."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import VersionField
from luoshi.core.units import Unit


class TargetForm(forms.Form):
    wording = forms.CharField(label=_("目标表述"), max_length=200,
                              help_text=_("按文件原文填写,如“增长6%左右”“不少于60个”“增长6%左右,力争7%”"))
    source = forms.CharField(label=_("来源"), max_length=200, required=False)
    reason = forms.CharField(label=_("修订原因"), max_length=200, required=False,
                             help_text=_("修改已有目标时必填"))
    version = VersionField()


class ActualForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月份"), min_value=1, max_value=12)
    value = forms.CharField(label=_("累计值"), max_length=30, required=False)
    unit = forms.ChoiceField(label=_("计量单位"), choices=Unit.choices, required=False)
    growth_pct = forms.CharField(label=_("同比增长(%)"), max_length=12, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)
    reason = forms.CharField(label=_("修订原因"), max_length=200, required=False,
                             help_text=_("重新提交已填报的期间时必填"))
    version = VersionField()


class WithdrawForm(forms.Form):
    """作废 a wrong figure: the reason is kept with it and in its history."""

    reason = forms.CharField(label=_("作废原因"), max_length=200,
                             help_text=_("如“误将1—10月数填入1—11月”;作废后该数据不再计入状态、排位和简报"))
    version = VersionField()
