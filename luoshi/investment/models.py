"""Industry chains (产业链, 链长制): each key chain has an official chain leader (链长), anchor enterprises
(链主) and links (环节) in upstream, midstream and downstream segments with the enterprises present.
A link with no enterprise is missing (补链), one with too few or no anchor is weak (强链), and a link
the district plans to add is an extension (延链): together they are the 招商地图."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
