from django.core.management.base import BaseCommand

from luoshi.inspections.demo import load_inspections_demo


class Command(BaseCommand):
    help = "载入企业宁静日演示数据:宁静期、计划检查和未报备检查的举报(须先载入基础演示数据;可重复运行)。"

    def handle(self, *args, **options):
        visits = load_inspections_demo()
        if options["verbosity"]:
            self.stdout.write(f"宁静日报备 {visits['visits']} 件(已有的不重复载入)")
