from django.core.management.base import BaseCommand

from luoshi.core.workdays import library_source, seed_from_library


class Command(BaseCommand):
    help = "从 chinesecalendar 补录节假日与调休(已有日期不覆盖,后台修改保留);库外年份请在后台录入。"

    def handle(self, *args, **options):
        added = seed_from_library()
        self.stdout.write(f"{library_source()}:新增 {added} 天")
