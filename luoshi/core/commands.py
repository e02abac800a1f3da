"""What every Excel import command shares: the file and the user whose rights and name go into the
history, a progress bar while the file is checked and saved, and every error by sheet, row and column."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from luoshi.core.jobs import nothing_saved
from luoshi.core.progress import progress_bar


class ExcelImportCommand(BaseCommand):
    """Subclasses say how to import (`import_file`) and what was saved (`saved_message`)."""

    file_help = ".xlsx 文件"

    def import_file(self, user, upload, progress):
        raise NotImplementedError

    def saved_message(self, result) -> str:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
        parser.add_argument("--user", required=True, help="以该用户的身份和权限导入(记入修改历史)")

    def handle(self, *args, file, user, **options):
        try:
            account = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"用户“{user}”不存在") from None
        with open(file, "rb") as upload, progress_bar("校验并保存", "行", options["verbosity"]) as progress:
            result = self.import_file(account, upload, progress)
        if result.errors:
            for e in result.errors:
                where = "".join(p for p in (e.sheet, f" 第{e.row}行" if e.row else "",
                                            f" {e.column}" if e.column else ""))
                self.stderr.write(f"{where}：{e.message}")
            raise CommandError(nothing_saved(result.errors))
        self.stdout.write(self.style.SUCCESS(self.saved_message(result)))
