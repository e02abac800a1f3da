from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    """Enterprise quiet days (企业宁静日): planned visits to enterprises and the discipline commission's
    approval, reports of unannounced visits and their findings."""

    name = "luoshi.inspections"
    label = "inspections"
    verbose_name = "企业宁静日"

    def ready(self):
        from luoshi.core.demo import QUIET_DAYS
        from luoshi.core.registry import site
        from luoshi.inspections import permissions  # noqa: F401  (declares the app's rules with organisations.access)
        from luoshi.inspections.demo import load_inspections_demo
        from luoshi.inspections.panels import dashboard_panel

        site.register_panel("inspections", dashboard_panel, order=30)
        site.register_demo("inspections", load_inspections_demo, order=QUIET_DAYS)
