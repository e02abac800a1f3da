"""The form of one district channel (发送渠道) on the settings page. The address and the secret are
write-only: the page shows them masked, an empty field keeps what is stored."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import VersionField
from luoshi.notifications import senders
from luoshi.notifications.models import ChannelKind


class ChannelForm(forms.Form):
    enabled = forms.BooleanField(label=_("启用"), required=False)
    url = forms.CharField(label=_("地址"), max_length=500, required=False,
                          widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    secret = forms.CharField(label=_("密钥"), max_length=200, required=False,
                             widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False))
    clear_secret = forms.BooleanField(label=_("清除已保存的密钥"), required=False)
    corp_id = forms.CharField(label=_("企业ID(corpid)"), max_length=64, required=False)
    agent_id = forms.CharField(label=_("应用AgentId"), max_length=20, required=False)
    gateway = forms.ChoiceField(label=_("短信网关"), required=False,
                                choices=[("", "—")] + [(g.name, g.label) for g in senders.GATEWAYS.values()])
    template = forms.CharField(label=_("短信请求模板"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("JSON请求体,$mobile为手机号,$text为消息内容"))
    reason = forms.CharField(label=_("修改原因"), max_length=200)
    version = VersionField(first_entry=True)

    # The fields each kind uses, besides enabled and reason.
    USED = {
        ChannelKind.WECOM_ROBOT: ("url",),
        ChannelKind.DINGTALK_ROBOT: ("url", "secret", "clear_secret"),
        ChannelKind.WECOM_APP: ("url", "corp_id", "agent_id", "secret", "clear_secret"),
        ChannelKind.SMS: ("gateway", "url", "secret", "clear_secret", "template"),
    }

    def __init__(self, *args, channel=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel = channel
        used = self.USED[channel.kind]
        for name in [n for n in ("url", "secret", "clear_secret", "corp_id", "agent_id", "gateway", "template")
                     if n not in used]:
            del self.fields[name]
        self.prefix = channel.kind
        if "url" in self.fields:
            self.fields["url"].widget.attrs["placeholder"] = channel.url_shown or ""
            self.fields["url"].help_text = (_("已保存：%(u)s；留空则不变") % {"u": channel.url_shown}
                                            if channel.url_shown else _("尚未填写"))
        if "secret" in self.fields:
            self.fields["secret"].help_text = (_("已设置%(h)s；留空则不变") % {"h": channel.secret_hint}
                                               if channel.secret_hint else _("未设置"))
