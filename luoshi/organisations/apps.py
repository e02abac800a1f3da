from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Organisations & access (组织与权限): the tree, enterprises, people and what each may see."""

    name = "luoshi.organisations"
    label = "organisations"
    verbose_name = "组织与权限"

    def ready(self):
        from django.core.signals import request_finished, request_started

        from luoshi.core.demo import ORGANISATIONS
        from luoshi.core.registry import site
        from luoshi.organisations import (
            permissions,  # noqa: F401  (declares the app's rules with organisations.access)
            tuning,
        )
        from luoshi.organisations.demo import load

        request_started.connect(tuning.remember, dispatch_uid="tuning.remember")
        request_finished.connect(tuning.forget, dispatch_uid="tuning.forget")

        site.register_demo("organisations", load, order=ORGANISATIONS)
