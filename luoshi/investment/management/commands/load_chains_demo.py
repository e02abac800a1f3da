from django.core.management.base import BaseCommand

from luoshi.investment.demo import load, load_ledger


class Command(BaseCommand):
    help = "载入演示用产业链和招商台账(种子中的真实数字注明来源,其余为合成并标注);可重复运行。"

    def handle(self, *args, **options):
        self.stdout.write(f"产业链:新建{load()}条;招商项目:新建{load_ledger()}个")
