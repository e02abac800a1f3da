from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Organisations & access (组织与权限): the tree, enterprises, people and what each may see."""

    name = "luoshi.organisations"
    label = "organisations"
    verbose_name = "组织与权限"
