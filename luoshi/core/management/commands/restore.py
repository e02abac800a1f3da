from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from luoshi.core.backup import RestoreError, restore
from luoshi.core.progress import progress_bar


class Command(BaseCommand):
    help = "把备份恢复到空数据库(先执行迁移):一个事务内全部写入,记录数与清单不符则全部撤销。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="backup 命令生成的 .json.gz 文件(清单文件须在同一目录)")

    def handle(self, *args, file, **options):
        try:
            with progress_bar("恢复", "条", options["verbosity"]) as progress:
                counts = restore(Path(file), progress)
        except RestoreError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"已恢复 {sum(counts.values())} 条记录"))
