from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Organisations & access (组织与权限): the tree, enterprises, people and what each may see."""

    name = "luoshi.organisations"
    label = "organisations"
    verbose_name = "组织与权限"

    def ready(self):
        from luoshi.organisations import permissions  # noqa: F401  (declares the app's rules with organisations.access)
