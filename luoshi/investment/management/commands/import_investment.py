from django.core.management.base import CommandError

from luoshi.core.commands import ExcelImportCommand
from luoshi.investment.excel import import_ledger
from luoshi.organisations.models import Organisation


class Command(ExcelImportCommand):
    help = "从Excel导入模板登记新的招商线索、修改已登记的项目(按编号):整份文件校验,有一处错误则全部不保存。"
    file_help = "招商项目导入模板格式的 .xlsx 文件"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--org", required=True, help="所属区:编号或名称(如 惠济区)")

    def handle(self, *args, org, **options):
        found = Organisation.objects.filter(pk=int(org)) if org.isdigit() else \
            Organisation.objects.filter(name=org) | Organisation.objects.filter(short_name=org)
        if found.count() != 1:
            raise CommandError(f"找不到唯一的单位“{org}”")
        self.organisation = found.get()
        return super().handle(*args, **options)

    def import_file(self, user, upload, progress):
        return import_ledger(user, self.organisation, upload, progress=progress)

    def saved_message(self, result) -> str:
        return f"已保存:新增线索{result.created}个,修改项目{result.revised}个,未改动{result.unchanged}个"
