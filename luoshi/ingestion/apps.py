from django.apps import AppConfig


class IngestionConfig(AppConfig):
    """Reading work reports (工作报告解析): proposed targets, results and projects that a person confirms."""

    name = "luoshi.ingestion"
    label = "ingestion"
    verbose_name = "工作报告解析"

    def ready(self):
        from luoshi.core.registry import site
        from luoshi.ingestion.services import ACCEPTORS

        for kind, acceptor in ACCEPTORS.items():
            site.register_acceptor(kind, acceptor)
