from django.apps import AppConfig


class AppealsConfig(AppConfig):
    """Enterprise service (企业服务): the appeal closed loop (企业诉求闭环) and reception days (企业家接待日)."""

    name = "luoshi.appeals"
    label = "appeals"
    verbose_name = "企业诉求"

    def ready(self):
        from luoshi.appeals import permissions  # noqa: F401  (declares the app's rules with organisations.access)
        from luoshi.appeals.demo import load_appeals_demo
        from luoshi.appeals.panels import dashboard_panel
        from luoshi.appeals.tasks import SCHEDULER_EVERY, run_appeal_scheduler
        from luoshi.core import schedule
        from luoshi.core.demo import SERVICE
        from luoshi.core.registry import site

        schedule.register("appeals.run_appeal_scheduler", run_appeal_scheduler, every=SCHEDULER_EVERY)
        site.register_panel("appeals", dashboard_panel, order=20)
        site.register_demo("appeals", load_appeals_demo, order=SERVICE)
