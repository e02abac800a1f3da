from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Organisations & access (组织与权限): the tree, enterprises, people and what each may see."""

    name = "luoshi.organisations"
    label = "organisations"
    verbose_name = "组织与权限"

    def ready(self):
        from luoshi.core.demo import ORGANISATIONS
        from luoshi.core.registry import site
        from luoshi.organisations import permissions  # noqa: F401  (declares the app's rules with organisations.access)
        from luoshi.organisations.demo import load

        site.register_demo("organisations", load, order=ORGANISATIONS)
