"""Forms of the appeal pages. They only carry what was typed; every rule (required text, the right unit,
who may act) is checked by the services, whose refusals the page shows."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.appeals.models import Category, Channel, Rating, Urgency
from luoshi.core import uploads


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is judged by its content in services.check_upload."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _text(label, rows=3, required=False, help_text=""):
    attrs = {"rows": rows}
    if required:
        attrs["required"] = True  # the browser asks; the service still decides
    return forms.CharField(label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs=attrs))


class FileAppealForm(forms.Form):
    category = forms.ChoiceField(label=_("诉求类别"), choices=[("", _("请选择诉求类别"))] + Category.choices)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    title = forms.CharField(label=_("诉求标题"), max_length=100,
                            widget=forms.TextInput(
                                attrs={"placeholder": _("一句话说明问题，如：二期厂房施工许可办理慢")}))
    description = forms.CharField(label=_("诉求内容"), widget=forms.Textarea(attrs={"rows": 6}),
                                  help_text=_("写清楚遇到的困难、已经找过哪些部门、希望怎样解决"))
    attachments = MultipleFileField(label=_("附件(可多选)"), required=False,
                                    help_text=_("PDF、JPG、PNG、Word、Excel"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _("PDF、JPG、PNG、Word、Excel，单个文件不超过%(m)dMB") % {
            "m": uploads.max_bytes() // 1024 // 1024}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("选择文件(PDF、JPG、PNG、Word、Excel)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}))


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=None, required=False,
                                  empty_label=_("请选择承办单位"))
    text = _text(_("交办意见"), rows=2)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AcceptForm(forms.Form):
    text = _text(_("研判意见"), rows=2)


class ReturnForm(forms.Form):
    text = _text(_("退回理由"), rows=2, required=True, help_text=_("说明为什么不属于本单位办理，建议交由哪个单位"))


class SolveForm(forms.Form):
    text = _text(_("答复意见"), rows=3, required=True, help_text=_("给企业的答复"))
    actions_taken = _text(_("办理情况"), rows=3, required=True, help_text=_("实际做了什么：协调、核发、现场办理等"))


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("满意度"), choices=Rating.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("请选择满意、基本满意或不满意")})
    text = _text(_("评价说明"), rows=2, help_text=_("不满意请写明原因；区工作人员代为记录回访须填写回访情况"))


class UrgeForm(forms.Form):
    text = _text(_("督办意见"), rows=2, required=True)


# --- reception days (企业家接待日) and appeals recorded by officials ----------------------------------

class GenerateCalendarForm(forms.Form):
    """District staff generate a month's reception days from the roster (again: nothing is duplicated)."""

    location = forms.CharField(label=_("接待地点"), max_length=100, required=False,
                               widget=forms.TextInput(attrs={"placeholder": _("如：区政务服务中心三楼接待室")}))


class BookingForm(forms.Form):
    """A turn of a reception day and the topic; district staff also pick the enterprise they book for."""

    slot = forms.TypedChoiceField(label=_("场次"), coerce=int, required=False, empty_value=None)
    topic = forms.CharField(label=_("反映事项"), max_length=300,
                            widget=forms.Textarea(attrs={"rows": 3,
                                                         "placeholder": _("想和领导面谈的问题，如：二期厂房用电增容")}))

    def __init__(self, *args, slots=(), enterprises=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [("", _("任一空闲场次"))] + [(n, label) for n, label in slots]
        if enterprises is not None:
            self.fields["enterprise"] = forms.ModelChoiceField(label=_("代为预约的企业"), queryset=enterprises,
                                                               empty_label=_("请选择企业"))
            self.order_fields(["enterprise", "slot", "topic"])


class CancelBookingForm(forms.Form):
    reason = forms.CharField(label=_("取消原因(选填)"), max_length=200, required=False)


class BookingAppealForm(forms.Form):
    """An appeal raised at a reception day, recorded from the booking."""

    category = forms.ChoiceField(label=_("诉求类别"), choices=[("", _("请选择诉求类别"))] + Category.choices)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    title = forms.CharField(label=_("诉求标题"), max_length=100)
    description = forms.CharField(label=_("诉求内容"), widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text=_("企业反映的困难、诉求和接待领导的意见"))
    attachments = MultipleFileField(label=_("附件(可多选)"), required=False,
                                    help_text=_("PDF、JPG、PNG、Word、Excel"))


class RecordAppealForm(BookingAppealForm):
    """District staff record an appeal taken at a visit or by phone, for an enterprise of the district."""

    STAFF_CHANNELS = [(Channel.VISIT, Channel.VISIT.label), (Channel.PHONE, Channel.PHONE.label),
                      (Channel.RECEPTION, Channel.RECEPTION.label)]

    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=None, empty_label=_("请选择企业"))
    channel = forms.ChoiceField(label=_("来源渠道"), choices=STAFF_CHANNELS, initial=Channel.VISIT)

    def __init__(self, *args, enterprises=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        self.fields["description"].help_text = _("企业反映的困难、已经找过哪些部门、希望怎样解决")
        self.order_fields(["enterprise", "channel", "category", "urgency", "title", "description", "attachments"])
