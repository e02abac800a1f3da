"""Forms of the quiet-day pages. They only carry what was typed; every rule (the quiet window, the exempt
categories, whose enterprises, who may act) is checked by the services, whose refusals the page shows."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import DateField
from luoshi.inspections.models import UnannouncedVisitReport, VisitCategory, VisitType


class FileVisitForm(forms.Form):
    """报备: the department is the user's own; the enterprises are those of its district."""

    enterprises = forms.ModelMultipleChoiceField(
        label=_("涉及企业(可多选)"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请选择涉及的企业")})
    date = DateField(label=_("走访日期"))
    visit_type = forms.ChoiceField(label=_("活动类型"), choices=[("", _("请选择活动类型"))] + VisitType.choices)
    category = forms.ChoiceField(label=_("事由类别"), choices=[("", _("请选择事由类别"))] + VisitCategory.choices,
                                 help_text=_("公共安全、安全生产、环境保护、食品药品安全、投诉举报、突发事件、"
                                             "案件查处和上级部署的检查调研不受宁静日限制"))
    legal_basis = forms.CharField(label=_("依据"), max_length=300,
                                  widget=forms.TextInput(attrs={"placeholder": _("法律法规条款、文件或上级部署")}))
    purpose = forms.CharField(label=_("事由"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("检查、调研什么，多少人，多长时间"))

    def __init__(self, *args, enterprises=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprises"].queryset = enterprises


class MoveForm(forms.Form):
    """The text of one move of a visit (审批意见, 驳回理由, 实施情况, 取消原因)."""

    text = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    """An enterprise reports a visit nobody announced: the day, the department (chosen or typed), what
    happened."""

    visit_date = DateField(label=_("检查日期"))
    department = forms.ModelChoiceField(label=_("涉及部门"), queryset=None, required=False,
                                        empty_label=_("请选择(不清楚可在下方填写)"))
    department_name = forms.CharField(label=_("部门名称(列表中没有时填写)"), max_length=100, required=False)
    description = forms.CharField(label=_("情况说明"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
                                  help_text=_("几个人、做了什么、是否出示报备或依据、占用多长时间"))

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class FindingForm(forms.Form):
    result = forms.ChoiceField(label=_("核查结论"), choices=UnannouncedVisitReport.Finding.choices,
                               widget=forms.RadioSelect, required=False)
    finding = forms.CharField(label=_("核查情况"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("核查经过、处理结果；企业会看到"))
