"""Entry forms of the work plan; the rules live in services (forms only shape the input)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import DateField, VersionField
from luoshi.workplan.models import Cadence, MeasureKind, NoticeKind


class ReportForm(forms.Form):
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.CharField(label=_("完成进度(%)"), required=False)
    value = forms.CharField(label=_("量化完成值"), required=False)
    milestone = forms.TypedChoiceField(label=_("完成节点"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].choices = [("", _("（无）"))] + [
            (m.pk, f"{m.due} {m.title}") for m in task.milestones.filter(done_on__isnull=True)]


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("督办方式"), choices=NoticeKind.choices)
    text = forms.CharField(label=_("督办事项"), widget=forms.Textarea(attrs={"rows": 2}))
    reply_days = forms.CharField(label=_("回复时限(工作日)"), required=False,
                                 help_text=_("留空按规定：提醒5个、催办单和督办单3个、挂牌督办2个工作日"))


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("回复"), widget=forms.Textarea(attrs={"rows": 2}))
    version = VersionField()


class SubtaskForm(forms.Form):
    title = forms.CharField(label=_("子任务"), max_length=500)
    lead_unit = forms.TypedChoiceField(label=_("承办单位"), coerce=int)
    deadline = DateField(label=_("完成时限"))
    cadence = forms.ChoiceField(label=_("报送频次"), choices=Cadence.choices, initial=Cadence.MONTHLY)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].choices = [(u.pk, str(u)) for u in units]


class _Linked(forms.TypedChoiceField):
    """A measure's linked record by id: offered from the district's own records, judged by the service
    (as the API's id is), so that a guessed id is refused with the same words naming the field."""

    def __init__(self, label, kind, **kwargs):
        super().__init__(label=label, coerce=int, required=False, empty_value=None,
                         widget=forms.Select(attrs={"data-measure-kind": kind}), **kwargs)

    def valid_value(self, value):
        return True


class TaskForm(forms.Form):
    """One task of a plan, as the 督查室 adds it: leaders and units offered are the plan's district's own;
    the service judges the rest (and names the field of each refusal)."""

    section = forms.TypedChoiceField(label=_("板块"), coerce=int, required=False, empty_value=None)
    number = forms.CharField(label=_("序号"), max_length=20, required=False)
    title = forms.CharField(label=_("工作任务"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    lead_leader = forms.TypedChoiceField(label=_("牵头领导"), coerce=int, required=False, empty_value=None)
    lead_unit = forms.TypedChoiceField(label=_("牵头单位"), coerce=int)
    cooperating_units = forms.TypedMultipleChoiceField(label=_("配合单位"), coerce=int, required=False,
                                                       widget=forms.SelectMultiple(attrs={"size": 6}))
    start = DateField(label=_("开始日期"), required=False, help_text=_("留空为年度第一天"))
    deadline = DateField(label=_("完成时限"))
    category = forms.TypedChoiceField(label=_("类别"), coerce=int)
    cadence = forms.ChoiceField(label=_("报送频次"), choices=Cadence.choices, initial=Cadence.MONTHLY)
    measure_kind = forms.ChoiceField(label=_("量化方式"), required=False, choices=MeasureKind.choices,
                                     help_text=_("选定后只需填写该方式的一项"))
    measure_wording = forms.CharField(label=_("目标表述"), max_length=100, required=False,
                                      help_text=_("自定量化指标：如“不低于1100亩”“新增学位7000个”"),
                                      widget=forms.TextInput(attrs={"data-measure-kind": MeasureKind.OWN}))
    target = _Linked(_("经济指标目标"), MeasureKind.TARGET)
    project = _Linked(_("重点项目"), MeasureKind.PROJECT)
    investment_target = _Linked(_("招商目标"), MeasureKind.INVESTMENT)

    def __init__(self, *args, sections=(), leaders=(), units=(), categories=(), targets=(), projects=(),
                 investment_targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        from luoshi.organisations.selectors import person_name

        self.fields["section"].choices = [("", _("（不分板块）"))] + [(s.pk, str(s)) for s in sections]
        self.fields["lead_leader"].choices = [("", _("（未定）"))] + [
            (u.pk, f"{person_name(u)}({u.profile.title})" if u.profile.title else person_name(u)) for u in leaders]
        self.fields["lead_unit"].choices = [("", "—")] + [(u.pk, str(u)) for u in units]
        self.fields["cooperating_units"].choices = [(u.pk, str(u)) for u in units]
        self.fields["category"].choices = [(c.pk, str(c)) for c in categories]
        from luoshi.workplan.selectors import linked_label

        none = [("", _("（请选择）"))]
        for name, records in (("target", targets), ("project", projects), ("investment_target", investment_targets)):
            self.fields[name].choices = none + [(r.pk, linked_label(name, r)) for r in records]


class TaskEditForm(TaskForm):
    """The same facts, corrected from the version the user read, with the reason kept in the history."""

    version = VersionField()
    reason = forms.CharField(label=_("修改原因"), max_length=200)
