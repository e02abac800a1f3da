"""Entry forms of the investment ledger and the industry chains. The choices are limited to the district's
own chain links and units; the rules (and their refusals in words) are the services'."""
from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import DateField, ModelNumberField, VersionField
from luoshi.investment import services
from luoshi.investment.models import ChainLevel, InvestmentProject, Method, Segment


class LinkChoice(forms.ModelChoiceField):
    def label_from_instance(self, link):
        return f"{link.chain.name} · {link.get_segment_display()} · {link.name}"


class LeadForm(forms.Form):
    """登记招商线索: the investor, the project, its amount and where it sits in the district's chains."""

    investor = forms.CharField(label=_("投资方(企业)"), max_length=200)
    name = forms.CharField(label=_("项目名称"), max_length=200)
    amount = ModelNumberField(InvestmentProject, "amount")
    year_plan = ModelNumberField(InvestmentProject, "year_plan",
                                 help_text=_("开工当年计划完成的投资；开工转入重点项目库时带入"))
    sector = forms.CharField(label=_("行业"), max_length=60, required=False)
    chain_link = LinkChoice(label=_("产业链环节"), queryset=None, required=False,
                            help_text=_("补链、强链项目请选择对应环节"))
    method = forms.ChoiceField(label=_("招商方式"), choices=Method.choices, initial=Method.PRECISE)
    responsible_unit = forms.ModelChoiceField(label=_("责任单位"), queryset=None, required=False)
    leader = forms.CharField(label=_("分包领导"), max_length=60, required=False)
    lead_date = DateField(label=_("线索日期"))
    contract = forms.FileField(label=_("合同文件（可选，PDF、图片或Word）"), required=False)
    source = forms.CharField(label=_("来源"), max_length=200, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chain_link"].queryset = services.links_of(organisation).order_by("chain__name", "segment",
                                                                                       "order")
        self.fields["responsible_unit"].queryset = services.units_of(organisation).order_by("pk")

    def facts(self) -> dict:
        """The cleaned facts as the services take them (the contract apart)."""
        return {k: v for k, v in self.cleaned_data.items() if k in services.FACT_FIELDS}


class EditForm(LeadForm):
    """更正招商项目: the same facts, the step dates already reached, and the reason for the change."""

    signed_date = DateField(label=_("签约日期"), required=False)
    start_date = DateField(label=_("开工日期"), required=False)
    production_date = DateField(label=_("投产日期"), required=False)
    reason = forms.CharField(label=_("修订原因(必填)"), max_length=200, required=False,
                             help_text=_("修改已登记的信息须写明原因，原内容保留在修改历史中"))
    version = VersionField()

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, organisation=project.organisation, **kwargs)
        reached = services.REACHED.get(project.state, 0)
        for number, name in enumerate(services.STEP_DATES, start=1):
            if number > reached and not getattr(project, name):
                del self.fields[name]


class ChainForm(forms.Form):
    """新建产业链."""

    name = forms.CharField(label=_("产业链名称"), max_length=60)
    level = forms.ChoiceField(label=_("级别"), choices=ChainLevel.choices, initial=ChainLevel.COUNTY)
    chain_leader = forms.CharField(label=_("链长"), max_length=60, required=False, help_text=_("如:区长 张某"))
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LinkForm(forms.Form):
    """新增环节 / 修改环节."""

    segment = forms.ChoiceField(label=_("环节位置"), choices=Segment.choices)
    name = forms.CharField(label=_("环节名称"), max_length=60)
    planned = forms.BooleanField(label=_("拟延伸环节(延链)"), required=False)
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False)


class MemberForm(forms.Form):
    """链上企业: one of the register, or a name."""

    link = forms.IntegerField(widget=forms.HiddenInput)
    enterprise = forms.ModelChoiceField(label=_("企业库中的企业"), queryset=None, required=False)
    name = forms.CharField(label=_("或填写企业名称"), max_length=200, required=False)
    is_chain_master = forms.BooleanField(label=_("链主企业"), required=False)

    def __init__(self, *args, user, **kwargs):
        from luoshi.organisations.access import visible_enterprises

        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = visible_enterprises(user).order_by("name")

    def clean(self):
        data = super().clean()
        if not data.get("enterprise") and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("请选择企业或填写企业名称"))
        return data


class TargetForm(forms.Form):
    """招商目标: numbers are taken as text and checked by `investment.targets` (as the API and Excel are)."""

    organisation = forms.ChoiceField(label=_("单位"), help_text=_("区的目标，或区内单位（如工信局）的目标"))
    year = forms.CharField(label=_("年度"), max_length=4)
    measure = forms.ChoiceField(label=_("目标类型"), choices=())
    wording = forms.CharField(label=_("目标表述"), max_length=200,
                              help_text=_("按文件原文，如“不少于150个”“达到400亿元”“确保完成投资53亿元以上”"))
    min_amount = forms.CharField(label=_("项目规模下限(亿元)"), max_length=20, required=False,
                                 help_text=_("规模以上项目数必填：“亿元以上”填1，“50亿至100亿元”填50"))
    max_amount = forms.CharField(label=_("项目规模上限(亿元)"), max_length=20, required=False)
    sector = forms.CharField(label=_("行业/领域"), max_length=60, required=False,
                             help_text=_("如“工业”；重点项目分领域完成投资填项目类别，如“基础设施”"))
    source = forms.CharField(label=_("来源"), max_length=200, required=False)
    reason = forms.CharField(label=_("修订原因"), max_length=200, required=False, help_text=_("修改已有目标时必填"))
    version = VersionField(first_entry=True)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        from luoshi.investment.models import Measure

        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        self.fields["measure"].choices = Measure.choices
