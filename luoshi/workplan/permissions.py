"""The work plan's page rules (imported from WorkplanConfig.ready): who reads the plan at all, and where
the 督查室 lands. Which tasks each sees is `organisations.access.work_scope`; who acts, `can_supervise`
and `can_act_for_unit`."""
import rules
from django.utils.translation import gettext_lazy

from luoshi.organisations.access import NO_TASKS, home, own_district, permission, work_scope
from luoshi.organisations.models import Role

reads_plan = rules.predicate(lambda user: work_scope(user)[0] != NO_TASKS, name="reads_work_plan")

permission("workplan.read", reads_plan, gettext_lazy("重点工作台账仅供区、单位工作人员查看"))


# The 督查室 works from the district's 督办台账.
home(Role.SUPERVISION, "workplan:ledger", own_district)
