"""API: the organisations and enterprises the user may see, who the user is, and a district's people
kept by its administrator (the register page's writes, through the same services)."""
from datetime import datetime
from typing import Literal

from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS, ErrorOut
from luoshi.core.apitools import choice_label, expected_version_field, filter_given, reason_text, scoped
from luoshi.organisations import access, services
from luoshi.organisations.access import can_edit_targets, can_report_actuals, district_in_reach, profile_of
from luoshi.organisations.models import Enterprise, Organisation, Profile
from luoshi.organisations.selectors import district_people

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


# --- a district's people (机构与人员), kept by its district admin and the city's admin ------------------

class PersonOut(Schema):
    """A person of the district (人员) with their role and unit; deactivated (停用) ones keep their record."""

    id: int = Field(description="人员编号(修改、停用、重置密码时使用)")
    username: str = Field(description="用户名(登录用,不可更改)")
    display_name: str = Field(description="姓名")
    role: str = Field(description="district_admin / district_leader / district_data / unit_staff / discipline / "
                                  "supervision")
    role_label: str
    organisation_id: int = Field(description="所属单位(区本级或区内单位)")
    organisation: str
    title: str = Field(description="职务")
    phone: str = Field(description="联系电话")
    active: bool = Field(description="在用;停用后不能登录,其全部记录保留")
    deactivated_at: datetime | None = Field(description="停用时间")
    deactivation_reason: str = Field(description="停用原因")
    version: int = Field(description="版本;修改时作为 expected_version 传回")

    resolve_role_label = choice_label("role")

    @staticmethod
    def resolve_username(person) -> str:
        return person.user.get_username()

    @staticmethod
    def resolve_organisation(person) -> str:
        return str(person.organisation)

    @staticmethod
    def resolve_active(person) -> bool:
        return person.deactivated_at is None


class PersonIn(Schema):
    """A new person of the district with a role; they log in once an administrator sets their password."""

    username: str = Field(max_length=150, description="用户名,2—150位字母、数字或 . @ + - _;保存后不可更改")
    display_name: str = Field(max_length=50, description="姓名")
    role: str = Field(max_length=40, description="角色代码或名称,如 unit_staff 或“单位工作人员”")
    organisation_id: int = Field(description="所属单位:区本级或区内单位的编号")
    title: str = Field("", max_length=60, description="职务")
    phone: str = Field("", max_length=30, description="联系电话")


class PersonChangeIn(Schema):
    """A change to a person: the fields given change, the others stay; with the reason and the version read."""

    display_name: str | None = Field(None, max_length=50, description="姓名")
    role: str | None = Field(None, max_length=40, description="角色代码或名称")
    organisation_id: int | None = Field(None, description="所属单位编号")
    title: str | None = Field(None, max_length=60, description="职务")
    phone: str | None = Field(None, max_length=30, description="联系电话")
    reason: str = reason_text(description="修改原因(必填)")
    expected_version: int = expected_version_field(first_entry=False)


class ReasonIn(Schema):
    """Why a person is deactivated (停用) or restored (恢复), kept in their history."""

    reason: str = Field(max_length=200, description="原因(必填),如“调离本区”")
    expected_version: int = expected_version_field(first_entry=False)


class PasswordIn(Schema):
    """A new password an administrator sets for a person (checked by the same rules as the page)."""

    new_password: str = Field(max_length=128, description="新密码;请当面或电话告知本人,并提醒其登录后自行修改")


class MessageOut(Schema):
    """A plain answer in words, e.g. that a password was reset."""

    detail: str


def _district(request, org_id: int) -> Organisation:
    """The district whose register the request names: 404 unless the user sees it or belongs to it, 403
    with the reason where they may not keep it."""
    district = district_in_reach(request.user, org_id)
    if district is None:
        raise Http404
    access.require(request.user, "organisations.keep_register", district)
    return district


def _person(district, profile_id: int) -> Profile:
    """One person of the district, else 404 (another district's person is not found, as on the page)."""
    return get_object_or_404(district_people(district, "all"), pk=profile_id)


def _unit(district, unit_id: int | None):
    """The district or one of its units by id; None (refused by the service as not the district's) else."""
    return next((u for u in services.district_units(district) if u.pk == unit_id), None)


@router.get("/{int:org_id}/people", response={200: list[PersonOut], 403: ErrorOut, **READ_ERRORS},
            summary="区人员列表 People of a district, with their roles")
def list_people(request, org_id: int, show: Literal["active", "inactive", "all"] = "active"):
    """As the register page lists them: in use (active, the default), deactivated (inactive) or all."""
    return district_people(_district(request, org_id), show)


@router.get("/{int:org_id}/people/{int:profile_id}", response={200: PersonOut, 403: ErrorOut, **READ_ERRORS},
            summary="区人员 One person of a district")
def get_person(request, org_id: int, profile_id: int):
    """One person of the district; another district's person answers 404."""
    return _person(_district(request, org_id), profile_id)


@router.post("/{int:org_id}/people", response={201: PersonOut, **WRITE_ERRORS},
             summary="新增人员 Add a person to a district, with a role")
def add_person(request, org_id: int, payload: PersonIn):
    """Through `services.save_person`, as the register page: 201 with the person, 422 naming each field
    (a taken user name, a role the administrator may not give, a unit not of this district)."""
    district = _district(request, org_id)
    person = services.save_person(request.user, district, username=payload.username,
                                  display_name=payload.display_name, role=payload.role,
                                  organisation=_unit(district, payload.organisation_id), title=payload.title,
                                  phone=payload.phone)
    return Status(201, person)


@router.post("/{int:org_id}/people/{int:profile_id}", response={200: PersonOut, **WRITE_ERRORS},
             summary="修改人员 Change a person's name, role, unit or contact, with a reason")
def change_person(request, org_id: int, profile_id: int, payload: PersonChangeIn):
    """The fields given change (the user name never does); a reason is required; 409 with the newer
    record if `expected_version` is stale."""
    district = _district(request, org_id)
    person = _person(district, profile_id)
    given = payload.dict(exclude_unset=True)
    organisation = _unit(district, payload.organisation_id) if "organisation_id" in given else person.organisation
    return services.save_person(
        request.user, district, person=person, username=person.user.get_username(),
        display_name=given.get("display_name", person.display_name), role=given.get("role", person.role),
        organisation=organisation, title=given.get("title", person.title), phone=given.get("phone", person.phone),
        reason=payload.reason, expected_version=payload.expected_version)


@router.post("/{int:org_id}/people/{int:profile_id}/deactivate", response={200: PersonOut, **WRITE_ERRORS},
             summary="停用人员 Deactivate a person (never deleted), with a reason")
def deactivate_person(request, org_id: int, profile_id: int, payload: ReasonIn):
    """They can no longer log in; everything they did stays theirs in the history. Again: 200 unchanged; a
    stale `expected_version` 409 with the newer record."""
    district = _district(request, org_id)
    return services.set_active(request.user, _person(district, profile_id), active=False, reason=payload.reason,
                               expected_version=payload.expected_version)


@router.post("/{int:org_id}/people/{int:profile_id}/reactivate", response={200: PersonOut, **WRITE_ERRORS},
             summary="恢复人员 Restore a deactivated person, with a reason")
def reactivate_person(request, org_id: int, profile_id: int, payload: ReasonIn):
    """The person may log in again; the deactivation and the restoring stay in the history (who, when, why)."""
    district = _district(request, org_id)
    return services.set_active(request.user, _person(district, profile_id), active=True, reason=payload.reason,
                               expected_version=payload.expected_version)


@router.post("/{int:org_id}/people/{int:profile_id}/password", response={200: MessageOut, **WRITE_ERRORS},
             summary="重置密码 Set a new password for a person")
def reset_person_password(request, org_id: int, profile_id: int, payload: PasswordIn):
    """Checked by Django's password rules, as on the reset page (422 with each reason); 403 for an account
    the administrator may not reset (another administrator, their own); the person's sessions end."""
    account = _person(_district(request, org_id), profile_id).user
    form = SetPasswordForm(account, {"new_password1": payload.new_password, "new_password2": payload.new_password})
    if not form.is_valid():
        raise services.RegisterError([services.Problem(_("新密码"), m) for errors in form.errors.values()
                                      for m in errors])
    services.reset_password(request.user, account, form.cleaned_data["new_password1"])
    return {"detail": _("已重置%(u)s的密码，请把新密码当面或电话告知本人，并提醒其登录后自行修改。") % {
        "u": account.get_username()}}
