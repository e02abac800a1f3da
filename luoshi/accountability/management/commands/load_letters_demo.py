from django.core.management.base import BaseCommand

from luoshi.accountability.demo import load


class Command(BaseCommand):
    help = "载入演示用目标责任书(合成数据,标注来源);已有的不重复创建。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="年度,默认今年")

    def handle(self, *args, year, **options):
        self.stdout.write(f"目标责任书:新建{load(year)}份")
