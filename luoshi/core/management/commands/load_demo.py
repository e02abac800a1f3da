from django.core.management import call_command
from django.core.management.base import BaseCommand

from luoshi.core.demo import DEMO_PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = "载入演示数据:郑州市及六个区、种子文章中的真实数据、合成月度数据和各角色演示账号(可重复运行)。"

    def handle(self, *args, **options):
        load_demo()
        call_command("generate_synthetic", verbosity=options["verbosity"])
        call_command("load_service_demo", verbosity=options["verbosity"])
        call_command("load_letters_demo", verbosity=options["verbosity"])
        call_command("load_projects_demo", verbosity=options["verbosity"])
        call_command("load_chains_demo", verbosity=options["verbosity"])
        call_command("load_workplan_demo", verbosity=options["verbosity"])
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("演示账号(密码均为 %s):" % DEMO_PASSWORD))
        self.stdout.write(f"  {'admin':<16} 系统管理员(全部数据,后台 /admin/)")
        for username, display, role, _where in USERS:
            self.stdout.write(f"  {username:<16} {display}({role.label})")
