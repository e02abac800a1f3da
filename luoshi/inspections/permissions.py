"""Who may see and do what on 企业宁静日, declared once for `luoshi.organisations.access`, which decides
(imported from InspectionsConfig.ready):

- an enterprise user: visits announced on their enterprise (filed, approved, done) and their own reports;
- unit staff: their own department's visits; they file and complete them;
- district roles (leaders, 发改/统计, the discipline commission) and the city admin: the district's visits;
- reports of unannounced visits: only the discipline commission of the district (and the enterprise
  that made the report), so a reported department never reads who reported it.
"""
import rules
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.organisations.access import (
    has_role,
    home,
    in_scope,
    is_discipline_of,
    is_enterprise_user,
    is_superuser,
    is_unit_staff,
    of_district,
    own,
    permission,
    profile_of,
    scope,
)
from luoshi.organisations.models import UNIT_KINDS, Role

# Who makes each move of the approval machine: the visit's department, or the district's commission.
DEPARTMENT, DISCIPLINE = "department", "discipline"
SUBMIT, APPROVE, REFUSE, COMPLETE, CANCEL = "submit", "approve", "refuse", "complete", "cancel"
ACTORS = {SUBMIT: DEPARTMENT, APPROVE: DISCIPLINE, REFUSE: DISCIPLINE, COMPLETE: DEPARTMENT, CANCEL: DEPARTMENT}


# --- rows ----------------------------------------------------------------------------------------

def _announced_on_own_enterprise(user, profile):
    from luoshi.inspections.models import ANNOUNCED_STATES

    return Q(enterprises=profile.enterprise_id, state__in=ANNOUNCED_STATES) if profile.enterprise_id else None


scope("inspections.plannedvisit", {Role.ENTERPRISE: _announced_on_own_enterprise,
                                   Role.UNIT_STAFF: own("department_id", "organisation_id")},
      default=in_scope("district"), distinct=True)
scope("inspections.unannouncedvisitreport", {Role.ENTERPRISE: own("enterprise_id", "enterprise_id"),
                                             Role.DISCIPLINE: in_scope("district")})


# --- predicates ----------------------------------------------------------------------------------

@rules.predicate
def is_department_staff(user) -> bool:
    """Staff of a 区属部门 or 镇街: they file their department's visits."""
    profile = profile_of(user)
    return (profile is not None and profile.role == Role.UNIT_STAFF and profile.organisation_id is not None
            and profile.organisation.kind in UNIT_KINDS)


@rules.predicate
def has_own_enterprise(user) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.role == Role.ENTERPRISE and profile.enterprise_id is not None


@rules.predicate
def files_for_department(user, department) -> bool:
    return department is not None and (is_superuser(user) or is_unit_staff(user, department.pk))


@rules.predicate
def is_the_enterprise(user, enterprise) -> bool:
    return enterprise is not None and (is_superuser(user) or is_enterprise_user(user, enterprise.pk))


@rules.predicate
def sees_officials(user) -> bool:
    """The officials' side of a visit — each step and who took it, who decided, when it was filed — is for
    the officials; an enterprise sees what was announced on it, the decision and the outcome."""
    profile = profile_of(user)
    return profile is None or profile.role != Role.ENTERPRISE or is_superuser(user)


def shown_enterprises(user, visit) -> list:
    """The enterprises of a visit a user may read: an enterprise user only its own (a visit to several
    enterprises does not tell one who the others are)."""
    everyone = list(visit.enterprises.all())
    if sees_officials(user):
        return everyone
    profile = profile_of(user)
    return [e for e in everyone if e.pk == profile.enterprise_id]


def _move_reason(action):
    def reason(user, visit) -> str:
        from luoshi.inspections.services import ACTION_LABELS

        if ACTORS[action] == DEPARTMENT:
            return _("只有%(u)s的工作人员可以“%(a)s”") % {"u": visit.department, "a": ACTION_LABELS[action]}
        return _("只有%(d)s纪检监察工委可以审批") % {"d": visit.district}
    return reason


def _move_predicate(action):
    if ACTORS[action] == DEPARTMENT:
        return rules.predicate(lambda user, visit: visit is not None and files_for_department(user, visit.department),
                               name=f"visit_{action}_by_department")
    return of_district(is_discipline_of, lambda visit: visit.district_id)


# --- what each may do ----------------------------------------------------------------------------

is_commission = is_superuser | has_role(Role.DISCIPLINE)

permission("inspections.file", is_department_staff, gettext_lazy("涉企检查报备仅供区属部门和镇街工作人员使用"))
permission("inspections.file_for", files_for_department,
           lambda user, department: _("只有%(u)s的工作人员可以报备本部门的走访") % {"u": department})
permission("inspections.queue", is_commission, gettext_lazy("审批和举报核查仅供纪检监察工委使用"))
permission("inspections.enterprise_pages", has_own_enterprise, gettext_lazy("本页仅供企业用户使用"))
permission("inspections.read_reports", has_own_enterprise | is_commission,
           gettext_lazy("举报仅供纪检监察工委和举报企业查看"))
permission("inspections.report", is_the_enterprise, gettext_lazy("只有企业本身可以举报未报备的检查"))
permission("inspections.record_finding", of_district(is_discipline_of, lambda report: report.district_id),
           gettext_lazy("只有本区纪检监察工委可以核查举报"))
permission("inspections.read_findings", of_district(is_discipline_of, lambda district: district.pk),
           gettext_lazy("举报及核查情况仅供本区纪检监察工委查看"))
permission("inspections.see_officials", sees_officials, gettext_lazy("经办人员仅供工作人员查看"))
for _action in ACTORS:
    permission(f"inspections.{_action}", _move_predicate(_action), _move_reason(_action))

# The discipline commission works from its queue of approvals and reports.
home(Role.DISCIPLINE, "inspections:queue")
