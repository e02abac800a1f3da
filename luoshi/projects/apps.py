from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """重点项目: the four libraries (储备、拟开工、在建、竣工) and each project's life cycle."""

    name = "luoshi.projects"
    verbose_name = _("重点项目")

    def ready(self):
        from luoshi.projects import permissions  # noqa: F401  (declares the app's rules with organisations.access)
        from luoshi.ingestion.services import register_acceptor
        from luoshi.investment.services import register_start_handover
        from luoshi.projects.services import project_from_finding, project_from_investment

        register_start_handover(project_from_investment)
        register_acceptor("project", project_from_finding)

        from luoshi.core import schedule
        from luoshi.notifications.reminders import EVERY_MORNING
        from luoshi.projects.tasks import remind_unreported_reports

        schedule.register("projects.remind_unreported_reports", remind_unreported_reports, **EVERY_MORNING)
