"""Entry forms of a district's register; the rules (and their refusals in words) are the services'."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import VersionField
from luoshi.organisations.models import UNIT_KINDS, OrgKind


class UnitForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    short_name = forms.CharField(label=_("简称"), max_length=40, required=False, help_text=_("留空则与名称相同"))
    kind = forms.ChoiceField(label=_("类型"), choices=[(k, v) for k, v in OrgKind.choices if k in UNIT_KINDS])
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False, help_text=_("修改已有单位时必填"))


class PersonForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150, help_text=_("登录用，如 zhangsan；保存后不可更改"))
    display_name = forms.CharField(label=_("姓名"), max_length=50)
    role = forms.ChoiceField(label=_("角色"))
    organisation = forms.ChoiceField(label=_("所属单位"))
    title = forms.CharField(label=_("职务"), max_length=60, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False, help_text=_("修改已有人员时必填"))
    version = VersionField()

    def __init__(self, *args, roles=(), units=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        from luoshi.organisations.models import Role

        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
        self.fields["organisation"].choices = [(u.pk, u.name) for u in units]
        if editing:
            self.fields["username"].disabled = True
        else:  # a new person: there is no version to have read
            del self.fields["version"]


class ActiveForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=200,
                             help_text=_("如“调离本区”；停用后不能登录，其全部记录保留"))


class EnterpriseForm(forms.Form):
    name = forms.CharField(label=_("企业名称"), max_length=200)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, min_length=1,
                                  help_text=_("18位，按国家标准校验第18位校验码"))
    industry = forms.CharField(label=_("行业"), max_length=100, required=False)
    is_above_scale = forms.BooleanField(label=_("规上企业"), required=False)
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False, help_text=_("修改已登记企业时必填"))


class DistrictSettingsForm(forms.Form):
    """区级设置: each rule left empty follows the default (shown beside it); a change needs a reason."""

    def __init__(self, *args, defaults: dict | None = None, **kwargs):
        from luoshi.core.forms import ModelNumberField, VersionField
        from luoshi.organisations.models import DistrictSettings

        super().__init__(*args, **kwargs)
        model = DistrictSettings
        palette = model._meta.get_field("status_palette")
        self.fields["status_palette"] = forms.ChoiceField(label=palette.verbose_name, required=False,
                                                          choices=[("", _("默认"))] + list(palette.choices))
        for name in ("about_tolerance_pp", "relative_tolerance_pp", "growth_close_margin_pp",
                     "progress_close_margin_pp"):
            self.fields[name] = ModelNumberField(model, name, required=False)
        for name in ("project_report_deadline_day", "report_reminder_day", "reminder_days_before"):
            field = model._meta.get_field(name)
            low, high = (v.limit_value for v in field.validators[:2])
            self.fields[name] = forms.IntegerField(label=field.verbose_name, required=False, min_value=low,
                                                   max_value=high)
        for name, value in (defaults or {}).items():
            if name in self.fields:
                self.fields[name].help_text = _("默认：%(v)s") % {"v": value}
        self.fields["reason"] = forms.CharField(label=_("修改原因"), max_length=200)
        self.fields["version"] = VersionField(first_entry=True)
