from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """重点项目: the four libraries (储备、拟开工、在建、竣工) and each project's life cycle."""

    name = "luoshi.projects"
    verbose_name = _("重点项目")

    def ready(self):
        from luoshi.core.demo import PROJECTS
        from luoshi.core.registry import site
        from luoshi.projects import permissions  # noqa: F401  (declares the app's rules with organisations.access)
        from luoshi.projects.demo import load_demo
        from luoshi.projects.selectors import dashboard_panel
        from luoshi.projects.services import project_from_finding, project_from_investment

        site.register_handover("investment.started", project_from_investment)
        site.register_acceptor("project", project_from_finding)
        site.register_panel("projects", dashboard_panel, order=10)
        site.register_demo("projects", load_demo, order=PROJECTS)

        from luoshi.core import schedule
        from luoshi.projects.tasks import remind_unreported_reports

        schedule.register("projects.remind_unreported_reports", remind_unreported_reports, **schedule.EVERY_MORNING)
