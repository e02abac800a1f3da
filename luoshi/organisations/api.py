"""API: the organisations and enterprises the user may see, and who the user is."""
from ninja import Router, Schema

from luoshi.core.apitools import filter_given, scoped
from luoshi.organisations.access import can_edit_targets, can_report_actuals, profile_of
from luoshi.organisations.models import Enterprise, Organisation

router = Router(tags=["organisations 组织"])
enterprises_router = Router(tags=["organisations 组织"])
me_router = Router(tags=["organisations 组织"])


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_id: int | None
    district_id: int | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


class OrganisationDetail(OrganisationOut):
    can_edit_targets: bool
    can_report_actuals: bool


class EnterpriseOut(Schema):
    id: int
    name: str
    credit_code: str
    industry: str
    is_above_scale: bool
    district_id: int


class MeOut(Schema):
    username: str
    display_name: str
    role: str | None
    role_label: str | None
    organisation: OrganisationOut | None
    enterprise: EnterpriseOut | None


@router.get("", response=list[OrganisationOut], summary="组织机构列表 Organisations the user may see")
def list_organisations(request, kind: str | None = None, parent: int | None = None):
    return filter_given(Organisation.objects.for_user(request.user).order_by("id"), kind=kind or None,
                        parent_id=parent)


@router.get("/{int:org_id}", response=OrganisationDetail, summary="组织机构 One organisation")
def get_organisation(request, org_id: int):
    org = scoped(request, Organisation, pk=org_id)
    org.can_edit_targets = can_edit_targets(request.user, org)
    org.can_report_actuals = can_report_actuals(request.user, org)
    return org


@router.get("/{int:org_id}/children", response=list[OrganisationOut], summary="下属单位 Units of an organisation")
def list_children(request, org_id: int):
    org = scoped(request, Organisation, pk=org_id)
    return Organisation.objects.for_user(request.user).filter(parent=org).order_by("id")


@enterprises_router.get("", response=list[EnterpriseOut], summary="企业列表 Enterprises the user may see")
def list_enterprises(request, district: int | None = None, above_scale: bool | None = None):
    return filter_given(Enterprise.objects.for_user(request.user).order_by("id"), district_id=district,
                        is_above_scale=above_scale)


@enterprises_router.get("/{int:enterprise_id}", response=EnterpriseOut, summary="企业 One enterprise")
def get_enterprise(request, enterprise_id: int):
    return scoped(request, Enterprise, pk=enterprise_id)


@me_router.get("", response=MeOut, summary="当前用户 Who am I, with my role and scope")
def me(request):
    profile = profile_of(request.user)
    return {
        "username": request.user.get_username(),
        "display_name": profile.display_name if profile else "",
        "role": profile.role if profile else None,
        "role_label": profile.get_role_display() if profile else None,
        "organisation": profile.organisation if profile else None,
        "enterprise": profile.enterprise if profile else None,
    }
