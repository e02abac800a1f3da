from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared vocabulary of every app: units, periods, the status palette; background jobs and the beat."""

    name = "luoshi.core"
    label = "core"
    verbose_name = "核心"

    def ready(self):
        from luoshi.core import crypto, schedule  # noqa: F401  (crypto registers its deployment check)
        from luoshi.core.tasks import NIGHTLY, prune_finished_work

        schedule.register("core.prune_finished_work", prune_finished_work, **NIGHTLY)
