from django.core.management.base import BaseCommand

from luoshi.investment.demo import load


class Command(BaseCommand):
    help = "载入演示用产业链(链名与企业名出自种子文章,其余环节和企业为合成并标注);可重复运行。"

    def handle(self, *args, **options):
        self.stdout.write(f"产业链:新建{load()}条")
