from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from luoshi.core.backup import backup
from luoshi.core.progress import progress_bar


class Command(BaseCommand):
    help = "备份整个数据库(含修改历史):在一个只读事务中导出一致的副本,并写出记录数清单。"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="输出文件(.json.gz),默认 var/backups/luoshi-时间.json.gz")

    def handle(self, *args, file, **options):
        from django.conf import settings

        if file:
            path = Path(file)
        else:
            path = settings.VAR_DIR / "backups" / f"luoshi-{timezone.localtime():%Y%m%d-%H%M%S}.json.gz"
        path.parent.mkdir(parents=True, exist_ok=True)
        with progress_bar("备份", "表", options["verbosity"]) as progress:
            manifest = backup(path, progress)
        self.stdout.write(self.style.SUCCESS(f"已备份 {sum(manifest['counts'].values())} 条记录到 {path}"))
