from django.core.management.base import BaseCommand

from luoshi.workplan.demo import load_workplan_demo


class Command(BaseCommand):
    help = ("载入重点工作演示数据：中原区“十项工作”（种子002）、经开区“十个方面”标题（种子000）"
            "与督察整改清单（问题为合成数据）。")

    def handle(self, *args, **options):
        self.stdout.write(f"重点工作演示任务 {load_workplan_demo()} 项")
