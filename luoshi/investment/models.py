"""Industry chains (产业链, 链长制): each key chain has an official chain leader (链长), anchor enterprises
(链主) and links (环节) in upstream, midstream and downstream segments with the enterprises present.
A link with no enterprise is missing (补链), one with too few or no anchor is weak (强链), and a link
the district plans to add is an extension (延链): together they are the 招商地图."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.models import Versioned
from luoshi.core.workflow import StepBase
from luoshi.organisations.models import Enterprise, Organisation, ScopedQuerySet


class ChainLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


class Segment(models.TextChoices):
    UPSTREAM = "upstream", _("上游")
    MIDSTREAM = "midstream", _("中游")
    DOWNSTREAM = "downstream", _("下游")


class IndustryChain(models.Model):
    """IndustryChain — 产业链: a key chain of a city or district with its 链长."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("所属单位"), on_delete=models.PROTECT,
                                     related_name="industry_chains")
    name = models.CharField(_("产业链"), max_length=60)
    level = models.CharField(_("级别"), max_length=10, choices=ChainLevel.choices, default=ChainLevel.COUNTY)
    chain_leader = models.CharField(_("链长"), max_length=60, blank=True, help_text=_("如:区长 张某"))
    description = models.TextField(_("说明"), blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("产业链")
        verbose_name_plural = _("产业链")
        ordering = ["organisation_id", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="chain_unique_in_org")]

    def __str__(self):
        return f"{self.organisation} {self.name}"


class ChainLinkQuerySet(ScopedQuerySet):
    organisation_path = "chain__organisation"


class ChainLink(models.Model):
    """ChainLink — 产业链环节: one link of a chain in its segment; `planned` marks a link to add (延链)."""

    chain = models.ForeignKey(IndustryChain, verbose_name=_("产业链"), on_delete=models.CASCADE, related_name="links")
    segment = models.CharField(_("环节位置"), max_length=12, choices=Segment.choices)
    name = models.CharField(_("环节"), max_length=60)
    order = models.PositiveSmallIntegerField(_("排序"), default=1)
    planned = models.BooleanField(_("拟延伸环节"), default=False, help_text=_("本地尚未布局、计划延链的环节"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = ChainLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("产业链环节")
        verbose_name_plural = _("产业链环节")
        ordering = ["chain_id", "segment", "order", "id"]

    def __str__(self):
        return f"{self.chain.name}·{self.name}"


class ChainMemberQuerySet(ScopedQuerySet):
    organisation_path = "link__chain__organisation"


class ChainMember(models.Model):
    """ChainMember — 链上企业: an enterprise present in a link, possibly its 链主."""

    link = models.ForeignKey(ChainLink, verbose_name=_("环节"), on_delete=models.CASCADE, related_name="members")
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("企业"), null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="chain_memberships")
    name = models.CharField(_("企业名称"), max_length=200, help_text=_("未在企业库中登记的企业也可填写名称"))
    is_chain_master = models.BooleanField(_("链主企业"), default=False)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = ChainMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("链上企业")
        verbose_name_plural = _("链上企业")
        ordering = ["link_id", "-is_chain_master", "name"]

    def __str__(self):
        return self.name


class InvestmentState(models.TextChoices):
    LEAD = "lead", _("线索")
    NEGOTIATING = "negotiating", _("洽谈")
    SIGNED = "signed", _("签约")
    STARTED = "started", _("开工")
    PRODUCING = "producing", _("投产")
    DROPPED = "dropped", _("终止")


class Method(models.TextChoices):
    PRECISE = "precise", _("精准招商")
    RESIDENT = "resident", _("驻点招商")
    PLATFORM = "platform", _("平台招商")
    BY_BUSINESS = "by_business", _("以商招商")
    DOOR_TO_DOOR = "door_to_door", _("上门招商")
    OTHER = "other", _("其他")


class InvestmentProject(Versioned):
    """InvestmentProject — 招商项目: one attraction effort from lead to production, with its investor,
    amount (亿元), chain link, method, responsible unit and leader, and the date of each step."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                     related_name="investment_projects")
    name = models.CharField(_("项目名称"), max_length=200)
    investor = models.CharField(_("投资方"), max_length=200)
    amount = models.DecimalField(_("投资额(亿元)"), max_digits=12, decimal_places=4, null=True, blank=True)
    year_plan = models.DecimalField(_("年度计划投资(亿元)"), max_digits=12, decimal_places=4, null=True, blank=True,
                                    help_text=_("开工当年计划完成的投资,开工转入重点项目库时一并带入"))
    sector = models.CharField(_("行业"), max_length=60, blank=True)
    chain_link = models.ForeignKey(ChainLink, verbose_name=_("产业链环节"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="investment_projects")
    method = models.CharField(_("招商方式"), max_length=20, choices=Method.choices, default=Method.PRECISE)
    responsible_unit = models.ForeignKey(Organisation, verbose_name=_("责任单位"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    leader = models.CharField(_("分包领导"), max_length=60, blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=InvestmentState.choices, default=InvestmentState.LEAD)
    lead_date = models.DateField(_("线索日期"))
    signed_date = models.DateField(_("签约日期"), null=True, blank=True)
    start_date = models.DateField(_("开工日期"), null=True, blank=True)
    production_date = models.DateField(_("投产日期"), null=True, blank=True)
    contract = models.FileField(_("合同文件"), upload_to="contracts/%Y/", blank=True)
    pipeline_project = models.ForeignKey("projects.Project", verbose_name=_("重点项目库编号"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="investment_leads",
                                         help_text=_("开工后转入重点项目库的项目"))
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("招商项目")
        verbose_name_plural = _("招商项目")
        ordering = ["organisation_id", "-lead_date", "id"]

    def __str__(self):
        return self.name


class InvestmentStep(StepBase):
    """InvestmentStep — 招商流程记录: who moved the project, when, from which state to which, and why."""

    project = models.ForeignKey(InvestmentProject, on_delete=models.PROTECT, related_name="steps")

    class Meta(StepBase.Meta):
        verbose_name = _("招商流程记录")
        verbose_name_plural = _("招商流程记录")


class Measure(models.TextChoices):
    SIGNED_COUNT = "signed_count", _("新签约项目数")
    SIGNED_AMOUNT = "signed_amount", _("签约总额")
    SIZED_COUNT = "sized_count", _("规模以上项目数")
    PIPELINE_INVESTMENT = "pipeline_investment", _("重点项目分领域完成投资")


class InvestmentTarget(Versioned):
    """InvestmentTarget — 招商目标: e.g. "新签约项目不少于60个", "签约总额达到400亿元", "招引50亿至100亿元
    项目不少于1个", 工信局's "签约亿元以上工业项目不少于150个" (a sector and a size threshold), and the
    pipeline's category floors ("基础设施领域确保完成投资53亿元以上", sector = the project category); read
    with the ledger's own wording rules. A unit's target counts the projects it is responsible for."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("单位"), on_delete=models.PROTECT,
                                     related_name="investment_targets")
    year = models.PositiveSmallIntegerField(_("年度"))
    measure = models.CharField(_("目标类型"), max_length=20, choices=Measure.choices)
    min_amount = models.DecimalField(_("项目规模下限(亿元)"), max_digits=12, decimal_places=4, null=True, blank=True)
    max_amount = models.DecimalField(_("项目规模上限(亿元)"), max_digits=12, decimal_places=4, null=True, blank=True)
    sector = models.CharField(_("行业/领域"), max_length=60, blank=True,
                              help_text=_("如“工业”:只计行业含此词的项目;重点项目分领域目标填项目类别,如“基础设施”"))
    wording = models.CharField(_("目标表述"), max_length=200)
    value = models.DecimalField(_("目标值"), max_digits=12, decimal_places=4)
    comparator = models.CharField(_("比较方式"), max_length=10)
    commitment = models.CharField(_("约束程度"), max_length=10, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("招商目标")
        verbose_name_plural = _("招商目标")
        ordering = ["organisation_id", "year", "measure", "sector", "min_amount", "id"]

    def __str__(self):
        return f"{self.organisation} {self.year} {self.label()}{self.wording}"

    def label(self) -> str:
        """What is measured, in words: "规模以上项目数（工业，1亿元以上）"."""
        from django.utils.translation import gettext

        from luoshi.core.units import fmt

        parts = [self.sector] if self.sector else []
        if self.min_amount is not None and self.max_amount is not None:
            parts.append(_("%(lo)s—%(hi)s亿元") % {"lo": fmt(self.min_amount), "hi": fmt(self.max_amount)})
        elif self.min_amount is not None:
            parts.append(_("%(lo)s亿元以上") % {"lo": fmt(self.min_amount)})
        name = str(self.get_measure_display())
        return gettext("%(n)s（%(p)s）") % {"n": name,
                                            "p": gettext("，").join(str(p) for p in parts)} if parts else name
