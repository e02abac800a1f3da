"""Entry forms of the work plan; the rules live in services (forms only shape the input)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import DateField, VersionField
from luoshi.workplan.models import Cadence, NoticeKind


class ReportForm(forms.Form):
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.CharField(label=_("完成进度(%)"), required=False)
    value = forms.CharField(label=_("量化完成值"), required=False)
    milestone = forms.TypedChoiceField(label=_("完成节点"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].choices = [("", _("(无)"))] + [
            (m.pk, f"{m.due} {m.title}") for m in task.milestones.filter(done_on__isnull=True)]


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("督办方式"), choices=NoticeKind.choices)
    text = forms.CharField(label=_("督办事项"), widget=forms.Textarea(attrs={"rows": 2}))
    reply_days = forms.CharField(label=_("回复时限(工作日)"), required=False,
                                 help_text=_("留空按规定:提醒5个、催办单和督办单3个、挂牌督办2个工作日"))


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
