from django.core.management.base import BaseCommand

from luoshi.core.demo import DEMO_PASSWORD, load_all
from luoshi.core.registry import site
from luoshi.organisations.demo import USERS


class Command(BaseCommand):
    help = ("载入演示数据:郑州市及六个区、种子文章中的真实数据、合成月度数据、各角色演示账号,以及各应用的演示数据"
            "(依次运行各应用登记的演示模块;可重复运行)。")

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="+", metavar="APP",
                            help="只载入这些应用的演示数据(须已载入其前序数据):" + "、".join(
                                e.name for e in site.demos()))

    def handle(self, *args, only=None, **options):
        for line in load_all(only):
            if options["verbosity"]:
                self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("演示账号（密码均为 %s）：" % DEMO_PASSWORD))
        self.stdout.write(f"  {'admin':<16} 系统管理员（全部数据，后台 /admin/）")
        for username, display, title, role, where in USERS:
            self.stdout.write(f"  {username:<16} {display}（{where.split('/')[-1]}{title}，{role.label}）")
