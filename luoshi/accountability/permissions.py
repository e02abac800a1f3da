"""Who may see and keep responsibility letters (目标责任书), declared once for `luoshi.organisations.access`,
which decides (imported from AccountabilityConfig.ready).

A unit sees its own letter and score; the district (leaders, data staff, discipline commission) sees all
of its units' letters; the city admin every district's. The district's 发改/统计 staff (and the city
admin) draft, review, sign and amend; a unit reports progress on its own tasks."""
import rules
from django.utils.translation import gettext as _

from luoshi.organisations.access import can_edit_targets, in_scope, is_unit_staff, permission, scope

scope("accountability.responsibilityletter", {}, default=in_scope("unit"))

manages_district = rules.predicate(lambda user, district: district is not None and can_edit_targets(user, district),
                                   name="manages_letters_of_district")


@rules.predicate
def reports_on_letter(user, letter) -> bool:
    """The letter's own unit, and whoever keeps the district's letters."""
    return is_unit_staff(user, letter.unit_id) or manages_district(user, letter.district)


permission("accountability.manage", manages_district,
           lambda user, district: _("无权管理%(d)s的目标责任书") % {"d": district})
permission("accountability.report", reports_on_letter,
           lambda user, letter: _("无权填报%(u)s的任务进展") % {"u": letter.unit})
