from django.apps import AppConfig


class IngestionConfig(AppConfig):
    """Reading work reports (工作报告解析): proposed targets, results and projects that a person confirms."""

    name = "luoshi.ingestion"
    label = "ingestion"
    verbose_name = "工作报告解析"
