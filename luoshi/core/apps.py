from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared vocabulary of every app: units, periods, the status palette."""

    name = "luoshi.core"
    label = "core"
    verbose_name = "核心"
