from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from luoshi.core.progress import progress_bar
from luoshi.indicators.excel import import_workbook


class Command(BaseCommand):
    help = "从Excel填报模板导入目标和实绩:整份文件校验,有一处错误则全部不保存。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="填报模板格式的 .xlsx 文件")
        parser.add_argument("--user", required=True, help="以该用户的身份和权限导入(记入修改历史)")

    def handle(self, *args, file, user, **options):
        try:
            account = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"用户“{user}”不存在")
        with open(file, "rb") as upload, progress_bar("校验并保存", "行", options["verbosity"]) as progress:
            result = import_workbook(account, upload, progress=progress)
        if result.errors:
            for e in result.errors:
                where = "".join(p for p in (e.sheet, f" 第{e.row}行" if e.row else "", f" {e.column}" if e.column else ""))
                self.stderr.write(f"{where}:{e.message}")
            raise CommandError(f"发现{len(result.errors)}处错误,文件中的数据全部未保存")
        self.stdout.write(self.style.SUCCESS(
            f"已保存:新增目标{result.targets_created}条,修订目标{result.targets_revised}条;"
            f"新增实绩{result.actuals_created}条,修订实绩{result.actuals_revised}条"))
