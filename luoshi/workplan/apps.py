from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    """重点工作督查督办: the year's numbered work list as tasks, followed through to 销号."""

    name = "luoshi.workplan"
    label = "workplan"
    verbose_name = _("重点工作")

    def ready(self):
        from luoshi.core import schedule
        from luoshi.core.demo import WORKPLAN
        from luoshi.core.registry import site
        from luoshi.workplan import permissions  # noqa: F401  (declares the app's rules with organisations.access)
        from luoshi.workplan.demo import load_workplan_demo
        from luoshi.workplan.panels import dashboard_panel
        from luoshi.workplan.reader import read_tasks, task_from_finding
        from luoshi.workplan.tasks import ESCALATION_EVERY, REJUDGE, rejudge_tasks, run_workplan_escalation

        site.register_acceptor("task", task_from_finding)
        site.register_reader(read_tasks)
        site.register_panel("workplan", dashboard_panel, order=60)
        site.register_demo("workplan", load_workplan_demo, order=WORKPLAN)
        schedule.register("workplan.run_workplan_escalation", run_workplan_escalation, every=ESCALATION_EVERY)
        schedule.register("workplan.rejudge_tasks", rejudge_tasks, **REJUDGE)
