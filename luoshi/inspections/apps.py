from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    """Enterprise quiet days (企业宁静日): planned visits to enterprises and the discipline commission's
    approval, reports of unannounced visits and their findings."""

    name = "luoshi.inspections"
    label = "inspections"
    verbose_name = "企业宁静日"

    def ready(self):
        from luoshi.inspections import permissions  # noqa: F401  (declares the app's rules with organisations.access)
