"""API: the organisations and enterprises the user may see, and who the user is."""
from ninja import Field, Router, Schema

from luoshi.core.api_errors import READ_ERRORS, ErrorOut
from luoshi.core.apitools import choice_label, filter_given, scoped
from luoshi.organisations.access import can_edit_targets, can_report_actuals, profile_of
from luoshi.organisations.models import Enterprise, Organisation

router = Router(tags=["organisations 组织"])
enterprises_router = Router(tags=["organisations 组织"])
me_router = Router(tags=["organisations 组织"])


class OrganisationOut(Schema):
    """An organisation (组织机构): the city, a district or zone, or one of its units."""

    id: int
    name: str
    short_name: str
    kind: str = Field(description="city 市 / district 区 / county_city 县级市 / dev_zone 开发区 / "
                                  "department 局委办 / town 镇办、街道、管区 / platform 区属平台公司")
    kind_label: str
    parent_id: int | None = Field(description="上级组织")
    district_id: int | None = Field(description="所属区(区本身指向自己;市及市直部门为空)")

    resolve_kind_label = choice_label("kind")


class OrganisationDetail(OrganisationOut):
    """An organisation with what this user may do to its figures, so a client can show or hide entry."""

    can_edit_targets: bool = Field(description="可设定目标")
    can_report_actuals: bool = Field(description="可填报实绩")


class EnterpriseOut(Schema):
    """An enterprise (企业), identified by its 统一社会信用代码."""

    id: int
    name: str
    credit_code: str = Field(description="统一社会信用代码")
    industry: str
    is_above_scale: bool = Field(description="规上企业")
    district_id: int


class MeOut(Schema):
    """The signed-in user, their role and what it applies to."""

    username: str
    display_name: str
    role: str | None = Field(description="city_admin / district_leader / district_data / unit_staff / "
                                         "enterprise / discipline")
    role_label: str | None
    organisation: OrganisationOut | None
    enterprise: EnterpriseOut | None


@router.get("", response={200: list[OrganisationOut], **READ_ERRORS},
            summary="组织机构列表 Organisations the user may see")
def list_organisations(request, kind: str | None = None, parent: int | None = None, district: int | None = None):
    """The organisations in the user's scope (a district's staff: their district and its units)."""
    return filter_given(Organisation.objects.for_user(request.user).order_by("id"), kind=kind or None,
                        parent_id=parent, district_id=district)


@router.get("/{int:org_id}", response={200: OrganisationDetail, **READ_ERRORS}, summary="组织机构 One organisation")
def get_organisation(request, org_id: int):
    """One organisation in scope (else 404, as if it did not exist), with the user's rights on it."""
    org = scoped(request, Organisation, pk=org_id)
    org.can_edit_targets = can_edit_targets(request.user, org)
    org.can_report_actuals = can_report_actuals(request.user, org)
    return org


@router.get("/{int:org_id}/children", response={200: list[OrganisationOut], **READ_ERRORS},
            summary="下属单位 Units of an organisation")
def list_children(request, org_id: int):
    """The units directly under an organisation that the user may see: the targets decompose to them."""
    org = scoped(request, Organisation, pk=org_id)
    return Organisation.objects.for_user(request.user).filter(parent=org).order_by("id")


@enterprises_router.get("", response={200: list[EnterpriseOut], **READ_ERRORS},
                        summary="企业列表 Enterprises the user may see")
def list_enterprises(request, district: int | None = None, above_scale: bool | None = None):
    """Enterprises in scope: an enterprise user sees only their own, staff those of their district."""
    return filter_given(Enterprise.objects.for_user(request.user).order_by("id"), district_id=district,
                        is_above_scale=above_scale)


@enterprises_router.get("/{int:enterprise_id}", response={200: EnterpriseOut, **READ_ERRORS},
                        summary="企业 One enterprise")
def get_enterprise(request, enterprise_id: int):
    """One enterprise in scope, else 404."""
    return scoped(request, Enterprise, pk=enterprise_id)


@me_router.get("", response={200: MeOut, 401: ErrorOut},
               summary="当前用户 Who am I, with my role and scope")
def me(request):
    """Who the session belongs to, so that a client shows the right screens."""
    profile = profile_of(request.user)
    return {
        "username": request.user.get_username(),
        "display_name": profile.display_name if profile else "",
        "role": profile.role if profile else None,
        "role_label": profile.get_role_display() if profile else None,
        "organisation": profile.organisation if profile else None,
        "enterprise": profile.enterprise if profile else None,
    }
