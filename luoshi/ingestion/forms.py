"""Forms of the review step: reading a report in, and correcting one finding."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import DateField, VersionField
from luoshi.core.targets import Comparator
from luoshi.core.units import Unit
from luoshi.indicators.selectors import active_indicators
from luoshi.ingestion.models import Finding, Kind


class ReadForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("所属单位"), queryset=None,
                                          help_text=_("报告发布单位；文中未写明单位的数字归属于它"))
    title = forms.CharField(label=_("标题"), max_length=200)
    date = DateField(label=_("文件日期"), required=False,
                     help_text=_("用于确定“今年、明年、全年”所指的年度；留空则从正文推断"))
    file = forms.FileField(label=_("上传文件(.txt 或 .docx)"), required=False)
    text = forms.CharField(label=_("或粘贴正文"), required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("请上传文件或粘贴正文"))
        return data


class FindingForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Finding
        fields = ["kind", "role", "organisation", "year", "month", "indicator", "value", "unit", "is_growth",
                  "comparator",
                  "wording"]

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["indicator"].queryset = active_indicators()
        self.fields["kind"].choices = Kind.choices
        self.fields["role"].required = False  # left out, the role stays what the reader proposed
        self.fields["unit"].choices = Unit.choices
        self.fields["comparator"].choices = Comparator.choices

    def clean_role(self):
        return self.cleaned_data.get("role") or self.instance.role
