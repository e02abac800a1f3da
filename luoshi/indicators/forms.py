"""Entry forms. Numbers are taken as text and read by the services (Decimal, never float), so that the
form, the Excel import and the API give the same errors."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import VersionField
from luoshi.core.units import Unit


class TargetForm(forms.Form):
    wording = forms.CharField(label=_("目标表述"), max_length=200,
                              help_text=_("按文件原文填写，如“增长6%左右”“不少于60个”“增长6%左右，力争7%”"))
    source = forms.CharField(label=_("来源"), max_length=200, required=False)
    reason = forms.CharField(label=_("修订原因"), max_length=200, required=False,
                             help_text=_("修改已有目标时必填"))
    version = VersionField(first_entry=True)


class ActualForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月份"), min_value=1, max_value=12)
    value = forms.CharField(label=_("累计值"), max_length=30, required=False)
    unit = forms.ChoiceField(label=_("计量单位"), choices=Unit.choices, required=False)
    growth_pct = forms.CharField(label=_("同比增长(%)"), max_length=12, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)
    reason = forms.CharField(label=_("修订原因"), max_length=200, required=False,
                             help_text=_("重新提交已填报的期间时必填"))
    version = VersionField(first_entry=True)


class WithdrawForm(forms.Form):
    """作废 a wrong figure: the reason is kept with it and in its history."""

    reason = forms.CharField(label=_("作废原因"), max_length=200,
                             help_text=_("如“误将1—10月数填入1—11月”；作废后该数据不再计入状态、排位和简报"))
    version = VersionField()


class IndicatorForm(forms.Form):
    """An entry of the indicator catalogue (指标目录)."""

    name = forms.CharField(label=_("名称"), max_length=60)
    code = forms.CharField(label=_("代码"), max_length=40, required=False,
                           help_text=_("英文小写，如 retail_sales；留空自动生成"))
    unit = forms.ChoiceField(label=_("单位"), choices=Unit.choices)
    cumulative = forms.BooleanField(label=_("累计值"), required=False, initial=True,
                                    help_text=_("按年内累计上报（1—N月累计）；不勾选为时点值，如覆盖率"))
    frequency = forms.ChoiceField(label=_("上报频度"), choices=(("monthly", _("按月")), ("quarterly", _("按季"))))
    aliases = forms.CharField(label=_("别名"), max_length=200, required=False,
                              help_text=_("以顿号或逗号分隔，如：社消零、社会消费品零售额；报告解析按名称和别名识别"))
    sort_order = forms.CharField(label=_("排序"), max_length=6, initial="100")
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)
    description = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False, help_text=_("修改已有指标时必填"))
    version = VersionField()

    def __init__(self, *args, editing: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:  # a new entry: there is no version to have read
            del self.fields["version"]


class PartForm(forms.Form):
    """目标分解: one unit's share of the district target, in its own wording."""

    unit = forms.ChoiceField(label=_("单位"))
    wording = forms.CharField(label=_("分解目标"), max_length=200, help_text=_("如“不少于20亿元”“增长7%”"))
    reason = forms.CharField(label=_("修订原因"), max_length=200, required=False, help_text=_("修改已分解的目标时必填"))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
