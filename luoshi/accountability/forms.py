"""Forms of the responsibility letters; numbers as Decimal, rules checked by the services."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.accountability.models import LetterItem, TaskReport
from luoshi.core.forms import ModelNumberField, VersionField


class LetterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("标题"), max_length=200, required=False,
                            help_text=_("留空则为“单位+年度目标责任书”"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ItemForm(forms.ModelForm):
    required_pct = ModelNumberField(LetterItem, "required_pct",
                                    help_text=LetterItem._meta.get_field("required_pct").help_text)
    weight = ModelNumberField(LetterItem, "weight")
    threshold_pct = ModelNumberField(LetterItem, "threshold_pct")

    class Meta:
        model = LetterItem
        fields = ["order", "title", "kind", "role", "indicator", "project", "project_measure", "investment_target",
                  "required_pct", "weight", "rule", "threshold_pct", "description"]

    def __init__(self, *args, district=None, **kwargs):
        """Projects and investment targets to link are only the letter's own district's."""
        from luoshi.indicators.selectors import active_indicators
        from luoshi.investment.selectors import targets_of
        from luoshi.projects.selectors import projects_of

        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = active_indicators()
        self.fields["project"].queryset = projects_of(district) if district else projects_of(None).none()
        self.fields["investment_target"].queryset = (targets_of(district) if district
                                                     else targets_of(None).none())
        for name in ("indicator", "project", "investment_target"):
            self.fields[name].required = False
        self.fields["project_measure"].required = False  # only 重点项目 items use it; others keep the default

    def clean_project_measure(self):
        return self.cleaned_data.get("project_measure") or LetterItem._meta.get_field("project_measure").default


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    scan = forms.FileField(label=_("签字盖章扫描件(PDF/JPG/PNG)"), required=False)
    version = VersionField()


class TaskReportForm(forms.Form):
    done_pct = ModelNumberField(TaskReport, "done_pct")
    evidence = forms.CharField(label=_("佐证材料说明"), widget=forms.Textarea(attrs={"rows": 3}))
