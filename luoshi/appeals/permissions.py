"""Who may see and do what in the appeal loop (企业诉求闭环) and at reception days (企业家接待日), declared
once for `luoshi.organisations.access`, which decides (imported from AppealsConfig.ready):

- an enterprise user: their own enterprise's appeals and bookings, their district's reception days;
- unit staff: the appeals currently assigned to their unit (and nothing else of the loop);
- district leaders and 发改/统计 staff (the supervising office): everything of their district; they assign,
  urge, keep the reception calendar and record appeals for enterprises; a host leader also sees the
  bookings of the days they host;
- the discipline commission and the city admin read the supervision list of their scope.
"""
import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.organisations.access import (
    DISTRICT_ROLES,
    DISTRICT_STAFF,
    either,
    has_role,
    in_scope,
    is_district_staff,
    is_enterprise_user,
    is_superuser,
    is_unit_staff,
    is_user,
    of_district,
    own,
    permission,
    profile_of,
    scope,
)
from luoshi.organisations.models import Role

# The parts a user can play on one appeal; ACTORS names which part may make each move of the loop
# (district staff may record the enterprise's answer from a return visit, with a note).
DISTRICT, UNIT, ENTERPRISE = "district", "unit", "enterprise"
ASSIGN, ACCEPT, RETURN, SOLVE, CONFIRM, REOPEN = "assign", "accept", "return", "solve", "confirm", "reopen"
ACTORS = {ASSIGN: {DISTRICT}, ACCEPT: {UNIT}, RETURN: {UNIT}, SOLVE: {UNIT},
          CONFIRM: {ENTERPRISE, DISTRICT}, REOPEN: {ENTERPRISE, DISTRICT}}
# Who reads the supervision list (督办台账).
SUPERVISORS = (Role.CITY_ADMIN, Role.DISTRICT_LEADER, Role.DISTRICT_DATA, Role.DISCIPLINE)


def parts(user, appeal) -> set[str]:
    """The parts the user plays on this appeal (district staff, its assigned unit, its enterprise)."""
    found = set()
    if is_district_staff(user, appeal.district_id):
        found.add(DISTRICT)
    if is_unit_staff(user, appeal.assigned_unit_id):
        found.add(UNIT)
    if is_enterprise_user(user, appeal.enterprise_id):
        found.add(ENTERPRISE)
    return found


# --- rows ----------------------------------------------------------------------------------------

scope("appeals.appeal", {Role.ENTERPRISE: own("enterprise_id", "enterprise_id"),
                         Role.UNIT_STAFF: own("assigned_unit_id", "organisation_id")},
      default=in_scope("district"))
scope("appeals.receptionday", {Role.ENTERPRISE: own("district__enterprises", "enterprise_id")},
      default=either(in_scope("district"), is_user("host")))
scope("appeals.booking", {Role.ENTERPRISE: own("enterprise_id", "enterprise_id"), Role.UNIT_STAFF: None},
      default=either(in_scope("reception_day__district"), is_user("reception_day__host")))


# --- predicates ----------------------------------------------------------------------------------

@rules.predicate
def has_own_enterprise(user) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.role == Role.ENTERPRISE and profile.enterprise_id is not None


@rules.predicate
def has_organisation(user) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.organisation_id is not None


@rules.predicate
def files_for_enterprise(user, enterprise) -> bool:
    """An enterprise acts for itself; district staff for their district's enterprises."""
    return enterprise is not None and (is_enterprise_user(user, enterprise.pk)
                                       or is_district_staff(user, enterprise.district_id))


@rules.predicate
def takes_part(user, appeal) -> bool:
    return bool(parts(user, appeal))


@rules.predicate
def records_from_booking(user, booking) -> bool:
    """District staff of the day's district and the host leader record appeals from a booking."""
    day = booking.reception_day
    return is_district_staff(user, day.district_id) or day.host_id == getattr(user, "pk", None)


role_is_leader = has_role(Role.DISTRICT_LEADER)


@rules.predicate
def hosts_reception(user) -> bool:
    """District leaders and whoever is on a roster or hosts a day see 我接待的企业."""
    from luoshi.appeals.models import ReceptionDay, ReceptionLeader

    if role_is_leader(user):
        return True
    return bool(user is not None and user.is_authenticated
                and (ReceptionLeader.objects.filter(user=user).exists()
                     or ReceptionDay.objects.filter(host=user).exists()))


@rules.predicate
def has_reception_calendar(user) -> bool:
    """Enterprises and the people of a district (or the city) have a calendar to open; units do not."""
    profile = profile_of(user)
    return profile is not None and (
        (profile.role == Role.ENTERPRISE and profile.enterprise_id is not None)
        or (profile.organisation_id is not None and profile.role in (*DISTRICT_ROLES, Role.CITY_ADMIN)))


def _actor_predicate(action):
    wanted = ACTORS[action]
    return rules.predicate(lambda user, appeal: appeal is not None and bool(wanted & parts(user, appeal)),
                           name=f"appeal_{action}_actor")


def _actor_reason(action):
    def reason(user, appeal) -> str:
        from luoshi.appeals.services import action_label

        label = action_label(action)
        if ACTORS[action] == {DISTRICT}:
            return _("只有%(d)s的区领导或发改、统计工作人员可以“%(a)s”") % {"d": appeal.district, "a": label}
        if ACTORS[action] == {UNIT}:
            unit = appeal.assigned_unit or _("（未交办）")
            return _("只有承办单位%(u)s的工作人员可以“%(a)s”") % {"u": unit, "a": label}
        return _("只有提出诉求的企业可以评价(区工作人员可代为记录回访)")
    return reason


# --- what each may do ----------------------------------------------------------------------------

supervises = is_superuser | has_role(*SUPERVISORS)
works_unit_inbox = has_role(Role.UNIT_STAFF)
records_for_enterprises = is_superuser | (has_role(*DISTRICT_STAFF) & has_organisation)
district_staff_of_obj = of_district(is_district_staff, lambda obj: obj.district_id)

permission("appeals.open", has_own_enterprise | works_unit_inbox | supervises,
           gettext_lazy("企业诉求仅供企业、承办单位和区领导、发改统计、纪检监察人员使用"))
permission("appeals.mine", has_own_enterprise, gettext_lazy("“我的诉求”仅供企业用户使用"))
permission("appeals.inbox", works_unit_inbox, gettext_lazy("待办诉求仅供承办单位工作人员使用"))
permission("appeals.supervise", supervises, gettext_lazy("督办台账仅供区领导、发改统计和纪检监察人员使用"))
permission("appeals.record", records_for_enterprises, gettext_lazy("只有区领导或发改、统计工作人员可以代企业登记诉求"))
permission("appeals.file_for", files_for_enterprise,
           lambda user, enterprise: _("无权为“%(e)s”登记诉求") % {"e": enterprise})
permission("appeals.attach", takes_part, gettext_lazy("无权为该诉求上传附件"))
permission("appeals.urge", district_staff_of_obj, gettext_lazy("只有区领导或发改、统计工作人员可以督办"))
for _action in ACTORS:
    permission(f"appeals.{_action}", _actor_predicate(_action), _actor_reason(_action))

permission("appeals.reception", is_superuser | has_reception_calendar,
           gettext_lazy("企业家接待日仅供企业和区领导、工作人员使用"))
permission("appeals.arrange_reception", of_district(is_district_staff, lambda district: district.pk),
           gettext_lazy("只有本区领导或发改、统计工作人员可以安排接待日"))
permission("appeals.book", has_own_enterprise | district_staff_of_obj,
           gettext_lazy("只有企业或本区工作人员可以预约接待日"))
permission("appeals.book_for", files_for_enterprise, gettext_lazy("无权为该企业预约接待日"))
permission("appeals.cancel_booking",
           rules.predicate(lambda user, booking: files_for_enterprise(user, booking.enterprise),
                           name="cancels_booking"),
           gettext_lazy("无权取消该预约"))
permission("appeals.record_from_booking", records_from_booking,
           gettext_lazy("只有接待领导或本区领导、发改统计人员可以登记接待日诉求"))
permission("appeals.my_bookings", has_own_enterprise, gettext_lazy("“我的预约”仅供企业用户使用"))
permission("appeals.host", is_superuser | hosts_reception, gettext_lazy("“我的接待日”仅供接待领导使用"))
