from django.core.management.base import CommandError

from luoshi.core.commands import ExcelImportCommand
from luoshi.organisations.models import Organisation
from luoshi.projects.listfile import import_list


class Command(ExcelImportCommand):
    help = ("年度建库:从Excel导入区的重点项目清单(与清单导出相同的格式和页面上的校验):"
            "已有编号的行更新项目(须填修改原因),"
            "无编号的行新建项目纳入储备库;整份文件校验,有一处错误则全部不保存。")
    file_help = "项目清单导出格式的 .xlsx 文件"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--district", required=True, help="区的简称或名称,如“中原区”")

    def handle(self, *args, district, **options):
        found = Organisation.objects.districts().filter(short_name=district) or \
            Organisation.objects.districts().filter(name=district)
        if len(found) != 1:
            raise CommandError(f"找不到区“{district}”")
        self.district = found[0]
        return super().handle(*args, **options)

    def import_file(self, user, upload, progress):
        return import_list(user, self.district, upload, progress=progress)

    def saved_message(self, result) -> str:
        return f"已保存:新建项目{result.created}个,更新项目{result.revised}个"
