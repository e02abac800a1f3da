"""Who may see and keep major projects (重点项目), declared once for `luoshi.organisations.access`, which
decides (imported from ProjectsConfig.ready).

A district's people see its projects, a unit the projects it is responsible for; the district's 发改/统计
staff (and the city) keep them (create, edit, move, approvals, milestones); the district's data staff
and the responsible unit report their monthly progress and wages."""
import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.organisations.access import can_edit_targets, can_report_actuals, either, in_scope, permission, scope

scope("projects.project", {}, default=either(in_scope("organisation"), in_scope("responsible_unit")))

keeps_district = rules.predicate(lambda user, district: district is not None and can_edit_targets(user, district),
                                 name="keeps_projects_of_district")


@rules.predicate
def reports_on_project(user, project) -> bool:
    """The district's data staff, or the project's responsible unit."""
    unit = project.responsible_unit
    return can_edit_targets(user, project.organisation) or (unit is not None and can_report_actuals(user, unit))


@rules.predicate
def reports_on_some_project(user) -> bool:
    from luoshi.projects.excel import reportable

    return bool(reportable(user))


permission("projects.keep", keeps_district, lambda user, district: _("无权维护%(o)s的重点项目") % {"o": district})
permission("projects.report", reports_on_project, lambda user, project: _("无权填报%(p)s的进度") % {"p": project})
permission("projects.upload_reports", reports_on_some_project, gettext_lazy("无权填报重点项目进度"))
