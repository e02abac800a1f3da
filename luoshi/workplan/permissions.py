"""The work plan's page rules (imported from WorkplanConfig.ready): who reads the plan at all, and where
the 督查室 lands, who keeps the plan's tasks (adds and corrects them). Which tasks each sees is
`organisations.access.work_scope`; who acts, `can_supervise` and `can_act_for_unit`."""
import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.organisations.access import NO_TASKS, can_supervise, home, own_district, permission, work_scope
from luoshi.organisations.models import Role

reads_plan = rules.predicate(lambda user: work_scope(user)[0] != NO_TASKS, name="reads_work_plan")

permission("workplan.read", reads_plan, gettext_lazy("重点工作台账仅供区、单位工作人员查看"))


# The 督查室 works from the district's 督办台账.
home(Role.SUPERVISION, "workplan:ledger", own_district)

keeps_plan = rules.predicate(lambda user, district: district is not None and can_supervise(user, district),
                             name="keeps_work_plan")

# Tasks are added to and corrected in a district's plan by its 督查室 (the page, the API and the import ask this).
permission("workplan.keep", keeps_plan,
           lambda user, district: _("只有%(o)s督查室可以新增和修改重点工作任务") % {"o": district})
