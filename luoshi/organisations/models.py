"""Organisations (组织机构), enterprises (企业) and people's roles (用户身份).

Every scoped record in Luoshi hangs off an Organisation; what a user may see is decided once, in
`access.visible_organisations`, and every manager's `for_user` goes through it.
"""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi.core.models import Versioned
from luoshi.organisations.credit_code import validate_credit_code


class OrgKind(models.TextChoices):
    CITY = "city", _("市")
    DISTRICT = "district", _("区")
    COUNTY_CITY = "county_city", _("县级市")
    DEV_ZONE = "dev_zone", _("开发区")
    DEPARTMENT = "department", _("局委办")
    TOWN = "town", _("镇办/街道/管区")
    PLATFORM = "platform", _("区属平台公司")


DISTRICT_KINDS = {OrgKind.DISTRICT, OrgKind.COUNTY_CITY, OrgKind.DEV_ZONE}
UNIT_KINDS = {OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.PLATFORM}


class ScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to an organisation; `for_user` keeps only what the user may see."""

    organisation_path = "organisation"

    def for_user(self, user):
        from luoshi.organisations.access import visible_organisations

        return self.filter(**{f"{self.organisation_path}__in": visible_organisations(user)})


class DeclaredScopeQuerySet(models.QuerySet):
    """A queryset whose rows each role sees by the rules its app declared (`access.scope`)."""

    def for_user(self, user):
        from luoshi.organisations.access import visible

        return visible(user, self)


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user):
        from luoshi.organisations.access import visible_organisations

        return self.filter(pk__in=visible_organisations(user))

    def districts(self):
        return self.filter(kind__in=DISTRICT_KINDS)


class Organisation(models.Model):
    """Organisation — 组织机构: the city, its districts/zones, and their units.

    `district` points at the district a unit belongs to (a district points at itself; the city and the
    city's own departments have none), so that scoping is one indexed filter.
    """

    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=40)
    kind = models.CharField(_("类型"), max_length=20, choices=OrgKind.choices)
    parent = models.ForeignKey("self", verbose_name=_("上级"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    city = models.ForeignKey("self", verbose_name=_("所属市"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("self", verbose_name=_("所属区"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("来源"), max_length=200, blank=True,
                              help_text=_("数据来源(种子文件名);合成数据注明“合成”"))
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("组织机构")
        verbose_name_plural = _("组织机构")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="org_unique_name_in_parent")]

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        """Derive city and district from the parent so that scoping never depends on hand-kept fields."""
        if self.kind == OrgKind.CITY:
            self.city_id, self.district_id = None, None
        elif self.parent_id:
            parent = Organisation.objects.get(pk=self.parent_id)
            self.city_id = parent.pk if parent.kind == OrgKind.CITY else parent.city_id
            if self.kind in DISTRICT_KINDS:
                self.district_id = None
            else:
                self.district_id = parent.pk if parent.is_district else parent.district_id
        super().save(*args, **kwargs)
        if self.kind in DISTRICT_KINDS and self.district_id != self.pk:
            Organisation.objects.filter(pk=self.pk).update(district_id=self.pk)
            self.district_id = self.pk

    @property
    def is_district(self) -> bool:
        return self.kind in DISTRICT_KINDS


class EnterpriseQuerySet(models.QuerySet):
    def for_user(self, user):
        from luoshi.organisations.access import visible_enterprises

        return self.filter(pk__in=visible_enterprises(user))


class Enterprise(models.Model):
    """Enterprise — 企业: identified by its 统一社会信用代码, registered in one district."""

    name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True,
                                   validators=[validate_credit_code])
    industry = models.CharField(_("行业"), max_length=100, blank=True)
    is_above_scale = models.BooleanField(_("规上企业"), default=False)
    district = models.ForeignKey(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                 related_name="enterprises")
    source = models.CharField(_("来源"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    history = HistoricalRecords()

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["id"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("市级管理员")
    DISTRICT_ADMIN = "district_admin", _("区级管理员")
    DISTRICT_LEADER = "district_leader", _("区领导")
    DISTRICT_DATA = "district_data", _("区发改/统计人员")
    UNIT_STAFF = "unit_staff", _("单位工作人员")
    ENTERPRISE = "enterprise", _("企业用户")
    DISCIPLINE = "discipline", _("纪检监察人员")
    SUPERVISION = "supervision", _("督查室人员")


class Profile(Versioned):
    """Profile — 用户身份: a user's role and the organisation (or enterprise) it applies to."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(Organisation, verbose_name=_("所属机构"), null=True, blank=True,
                                     on_delete=models.PROTECT)
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("所属企业"), null=True, blank=True,
                                   on_delete=models.PROTECT)
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    title = models.CharField(_("职务"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    deactivated_at = models.DateTimeField(_("停用时间"), null=True, blank=True)
    deactivation_reason = models.CharField(_("停用原因"), max_length=200, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("用户身份")
        verbose_name_plural = _("用户身份")

    def __str__(self):
        return f"{self.display_name or self.user.username} ({self.get_role_display()})"


class DistrictSettings(Versioned):
    """DistrictSettings — 区级设置: a district's own value for rules that are environment settings
    (settings.LUOSHI); an empty field means the default applies (organisations/tuning.py reads them)."""

    district = models.OneToOneField(Organisation, verbose_name=_("所属区"), on_delete=models.PROTECT,
                                    related_name="district_settings")
    status_palette = models.CharField(_("状态配色"), max_length=10, blank=True,
                                      choices=[("cn", _("红色表示达标(全年红)")), ("intl", _("绿色表示达标"))])
    about_tolerance_pp = models.DecimalField(_("“左右”容差(百分点)"), max_digits=4, decimal_places=2, null=True,
                                             blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)])
    relative_tolerance_pp = models.DecimalField(_("“基本同步”容差(百分点)"), max_digits=4, decimal_places=2,
                                                null=True, blank=True,
                                                validators=[MinValueValidator(0), MaxValueValidator(10)])
    growth_close_margin_pp = models.DecimalField(_("增速“接近”区间(百分点)"), max_digits=4, decimal_places=2,
                                                 null=True, blank=True,
                                                 validators=[MinValueValidator(0), MaxValueValidator(20)])
    progress_close_margin_pp = models.DecimalField(_("进度“接近”区间(百分点)"), max_digits=4, decimal_places=2,
                                                   null=True, blank=True,
                                                   validators=[MinValueValidator(0), MaxValueValidator(50)])
    project_report_deadline_day = models.PositiveSmallIntegerField(
        _("项目月报截止日(次月几日)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(28)])
    report_reminder_day = models.PositiveSmallIntegerField(
        _("催报日(每月几日起)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(28)])
    reminder_days_before = models.PositiveSmallIntegerField(
        _("诉求到期前几个工作日提醒"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(20)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("区级设置")
        verbose_name_plural = _("区级设置")

    def __str__(self):
        return f"{self.district} · {self._meta.verbose_name}"
