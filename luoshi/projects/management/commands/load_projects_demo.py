from django.core.management.base import BaseCommand

from luoshi.projects.demo import complete, load


class Command(BaseCommand):
    help = "载入演示用重点项目:中原区2025年计划与种子一致(356个、2409.2亿元、335.3亿元),其余为合成并标注;可重复运行。"

    def handle(self, *args, **options):
        self.stdout.write(f"重点项目:新建{load()}个,补全分包领导、责任单位、计划日期和手续{complete()}个")
