from django.core.management.base import BaseCommand, CommandError

from luoshi.core.progress import progress_bar
from luoshi.workplan.judging import latest_drift
from luoshi.workplan.models import WorkTask
from luoshi.workplan.services import refresh_latest
from luoshi.workplan.standing import status_drift


class Command(BaseCommand):
    help = ("重新推算每项任务的最新情况（牵头单位最新进展、最早未完成节点）及其状态；--check 只核对，"
            "不一致时列出并以非零状态退出。数据不经系统写入（直接改库）后运行。")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只核对，不修改")

    def handle(self, *args, check=False, verbosity=1, **options):
        tasks = WorkTask.objects.all()
        if check:
            drift = latest_drift(tasks)
            for pk, kept, derived in drift[:50]:
                self.stdout.write(f"任务{pk}：记录为（进展{kept[0]}，节点{kept[4]}），"
                                  f"应为（进展{derived[0]}，节点{derived[4]}）")
            statuses = status_drift(tasks)
            for pk, kept, judged in statuses[:50]:
                self.stdout.write(f"任务{pk}：所存状态为{kept}，按记录判定应为{judged}")
            if drift or statuses:
                found = [f"{n}项任务的{what}" for n, what in ((len(drift), "最新情况"), (len(statuses), "所存状态"))
                         if n]
                raise CommandError(f"{'、'.join(found)}与记录不一致；不带 --check 运行即可重新推算。")
            self.stdout.write(f"{tasks.count()}项任务的最新情况和所存状态与记录一致。")
            return
        with progress_bar("推算任务最新情况", "项", verbosity) as progress:
            count = refresh_latest(tasks, progress)
        self.stdout.write(f"已重新推算{count}项任务的最新情况。")
