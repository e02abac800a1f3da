"""The organisations app's own rules, declared like every app's (imported from OrganisationsConfig.ready):
who administers accounts and a district's register, and where a district admin lands."""
import rules
from django.utils.translation import gettext, gettext_lazy

from luoshi.organisations.access import (
    can_manage_district,
    has_role,
    home,
    may_manage_accounts,
    own_district,
    permission,
    profile_of,
)
from luoshi.organisations.models import Role


@rules.predicate
def keeps_own_district(user) -> bool:
    """A district admin keeping the register of their own district (the navigation's 机构与人员)."""
    profile = profile_of(user)
    return (has_role(Role.DISTRICT_ADMIN)(user) and profile.organisation is not None
            and can_manage_district(user, profile.organisation.district or profile.organisation))


permission("organisations.manage_accounts", rules.predicate(may_manage_accounts, name="manages_accounts"),
           gettext_lazy("只有市级和区级管理员可以管理账号"))
permission("organisations.keep_own_register", keeps_own_district, gettext_lazy("机构与人员由区级管理员维护"))
# The register of one district (its people, in the API): its district admin, the city's admin.
permission("organisations.keep_register", rules.predicate(lambda user, district: can_manage_district(user, district),
                                                          name="keeps_register"),
           lambda user, district: gettext("无权维护%(d)s的单位、人员或企业库") % {"d": district})
# 区级设置 of one district (palette, tolerance bands, deadlines): its district admin, the city's admin; the
# navigation asks it with the user's own district, the page with the district opened.
permission("organisations.configure_settings",
           rules.predicate(lambda user, district: bool(district) and can_manage_district(user, district),
                           name="configures_district_settings"),
           gettext_lazy("只有本区的区级管理员(或市级管理员)可以查看和修改区级设置"))

# A district admin keeps the district's units, people and enterprises.
home(Role.DISTRICT_ADMIN, "organisations:register", own_district)
