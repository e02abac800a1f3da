from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    """重点工作督查督办: the year's numbered work list as tasks, followed through to 销号."""

    name = "luoshi.workplan"
    label = "workplan"
    verbose_name = _("重点工作")

    def ready(self):
        from luoshi.workplan import permissions  # noqa: F401  (declares the app's rules with organisations.access)
        from luoshi.core import schedule
        from luoshi.ingestion.services import register_acceptor, register_reader
        from luoshi.workplan.reader import read_tasks, task_from_finding
        from luoshi.workplan.tasks import ESCALATION_EVERY, run_workplan_escalation

        register_acceptor("task", task_from_finding)
        register_reader(read_tasks)
        schedule.register("workplan.run_workplan_escalation", run_workplan_escalation, every=ESCALATION_EVERY)
