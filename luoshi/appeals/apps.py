from django.apps import AppConfig


class AppealsConfig(AppConfig):
    """Enterprise service (企业服务): the appeal closed loop (企业诉求闭环) and reception days (企业家接待日)."""

    name = "luoshi.appeals"
    label = "appeals"
    verbose_name = "企业诉求"

    def ready(self):
        from luoshi.appeals import permissions  # noqa: F401  (declares the app's rules with organisations.access)
        from luoshi.appeals.tasks import SCHEDULER_EVERY, run_appeal_scheduler
        from luoshi.core import schedule

        schedule.register("appeals.run_appeal_scheduler", run_appeal_scheduler, every=SCHEDULER_EVERY)
