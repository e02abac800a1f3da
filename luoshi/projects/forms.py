"""Entry forms of the project pipeline. Amounts are taken as text and read by the services (Decimal,
never float), so the form, the Excel upload and the API refuse the same things with the same words."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import VersionField
from luoshi.projects.models import ApprovalStatus


class ReportForm(forms.Form):
    """月度进度: a month's completed investment and the year's cumulative (亿元)."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月份"), min_value=1, max_value=12)
    month_investment = forms.DecimalField(label=_("本月完成投资(亿元)"), max_digits=12, decimal_places=4)
    cumulative = forms.DecimalField(label=_("年内累计完成(亿元)"), max_digits=12, decimal_places=4)
    note = forms.CharField(label=_("进展情况"), max_length=300, required=False)
    reason = forms.CharField(label=_("修订原因"), max_length=200, required=False, help_text=_("修改已报月份时必填"))
    version = VersionField()


class WageForm(forms.Form):
    """农民工工资: one month's payroll due and paid (万元) and the workers."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月份"), min_value=1, max_value=12)
    payroll_due = forms.DecimalField(label=_("应发工资(万元)"), max_digits=12, decimal_places=2)
    paid = forms.DecimalField(label=_("实发工资(万元)"), max_digits=12, decimal_places=2)
    workers = forms.IntegerField(label=_("务工人数"), min_value=0)
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False, help_text=_("修改已报月份时必填"))
    version = VersionField()


class ApprovalForm(forms.Form):
    """办结 (with the date) or 免办 (with the reason) of one pre-work approval."""

    approval = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("状态"), choices=[(ApprovalStatus.DONE, ApprovalStatus.DONE.label),
                                                       (ApprovalStatus.WAIVED, ApprovalStatus.WAIVED.label)])
    done_date = forms.DateField(label=_("办结日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    waiver_reason = forms.CharField(label=_("免办理由"), max_length=200, required=False)
