"""Entry forms of the project pipeline. Amounts are taken as text and read by the services (Decimal,
never float), so the form, the Excel upload and the API refuse the same things with the same words."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import DateField, ModelNumberField, VersionField
from luoshi.projects.models import ApprovalStatus, MonthlyReport, WageRecord


class ReportForm(forms.Form):
    """月度进度: a month's completed investment and the year's cumulative (亿元)."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月份"), min_value=1, max_value=12)
    month_investment = ModelNumberField(MonthlyReport, "month_investment")
    cumulative = ModelNumberField(MonthlyReport, "cumulative")
    note = forms.CharField(label=_("进展情况"), max_length=300, required=False)
    reason = forms.CharField(label=_("修订原因"), max_length=200, required=False, help_text=_("修改已报月份时必填"))
    version = VersionField(first_entry=True)


class WageForm(forms.Form):
    """农民工工资: one month's payroll due and paid (万元) and the workers."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月份"), min_value=1, max_value=12)
    payroll_due = ModelNumberField(WageRecord, "payroll_due")
    paid = ModelNumberField(WageRecord, "paid")
    workers = ModelNumberField(WageRecord, "workers")
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False, help_text=_("修改已报月份时必填"))
    version = VersionField(first_entry=True)


class ApprovalForm(forms.Form):
    """办结 (with the date and the document) or 免办 (with the reason) of one pre-work approval."""

    approval = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("状态"), choices=[(ApprovalStatus.DONE, ApprovalStatus.DONE.label),
                                                       (ApprovalStatus.WAIVED, ApprovalStatus.WAIVED.label),
                                                       (ApprovalStatus.PENDING, ApprovalStatus.PENDING.label)])
    done_date = DateField(label=_("办结日期"), required=False)
    document = forms.CharField(label=_("批复文件"), max_length=200, required=False)
    waiver_reason = forms.CharField(label=_("免办理由"), max_length=200, required=False)
    version = VersionField()


class WithdrawForm(forms.Form):
    """作废 a wrong report or wage record, with the reason."""

    record = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("作废原因"), max_length=1000)
    version = VersionField()


class MilestoneForm(forms.Form):
    """节点目标: what is to be done by when."""

    title = forms.CharField(label=_("节点目标"), max_length=200)
    due_date = DateField(label=_("计划完成"))


class ReachedForm(forms.Form):
    """The day a milestone was reached."""

    milestone = forms.IntegerField(widget=forms.HiddenInput)
    reached_on = DateField(label=_("实际完成"))


def _select(choices, blank=True):
    return forms.Select(choices=([("", "—")] if blank else []) + list(choices))


class ProjectForm(forms.Form):
    """项目基本信息: the facts of a new or existing project. Every field is taken as given and read by
    `facts.read_facts`, so the page, the API and the Excel list refuse the same input with the same words;
    the menus offer only the district's own units, leaders and 城市更新 units."""

    name = forms.CharField(label=_("项目名称"), required=False)
    code = forms.CharField(label=_("项目编号"), required=False, help_text=_("不填则自动生成(区简称-年度-序号)"))
    category = forms.CharField(label=_("类别"), required=False)
    total_investment = forms.CharField(label=_("总投资(亿元)"), required=False)
    plan_year = forms.CharField(label=_("计划年度"), required=False)
    year_plan = forms.CharField(label=_("年度计划投资(亿元)"), required=False)
    responsible_unit = forms.CharField(label=_("责任单位"), required=False)
    leader = forms.CharField(label=_("分包领导"), required=False)
    level = forms.CharField(label=_("级别"), required=False)
    batch = forms.CharField(label=_("三个一批"), required=False)
    batch_date = forms.CharField(label=_("批次日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    construction = forms.CharField(label=_("续建/新开工"), required=False)
    planned_start = forms.CharField(label=_("计划开工"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    planned_finish = forms.CharField(label=_("计划竣工"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))
    location = forms.CharField(label=_("建设地点"), required=False)
    renewal = forms.CharField(label=_("城市更新单元"), required=False)
    in_national_library = forms.BooleanField(label=_("录入国家重大项目库"), required=False)
    funding_demand = forms.CharField(label=_("资金需求(亿元)"), required=False)
    funding_channel = forms.CharField(label=_("资金渠道"), required=False)
    funding_state = forms.CharField(label=_("申报状态"), required=False)
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=1000)
    version = VersionField()

    def __init__(self, *args, lookups, editing: bool = False, **kwargs):
        from luoshi.organisations.selectors import person_label
        from luoshi.projects.facts import CHOICE_FIELDS

        super().__init__(*args, **kwargs)
        self.fields["category"].widget = _select([(c.pk, c.name) for c in lookups.categories.values()])
        self.fields["responsible_unit"].widget = _select(sorted(((u.pk, str(u)) for u in lookups.units.values()),
                                                                key=lambda x: x[1]))
        self.fields["leader"].widget = _select(sorted(((u.pk, person_label(u)) for u in lookups.leaders.values()),
                                                      key=lambda x: x[1]))
        self.fields["renewal"].widget = _select([(r.pk, str(r)) for r in lookups.renewals.values()])
        for name, choices in CHOICE_FIELDS.items():
            self.fields[name].widget = _select(choices.choices, blank=name not in ("level", "construction"))
        if editing:
            del self.fields["code"]
            self.fields["reason"].help_text = _("修改已有信息时必填，记入修改记录")
        else:
            del self.fields["reason"], self.fields["version"]

    def facts(self) -> dict:
        """The posted facts, as the services read them (the code, reason and version apart)."""
        from luoshi.projects.facts import FACTS

        return {name: self.cleaned_data.get(name) for name in FACTS if name in self.fields}
