from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from luoshi.appeals.services import run_scheduler


class Command(BaseCommand):
    help = ("跟踪督办:向承办单位发送到期提醒,对超期诉求逐级督办(承办单位、区领导)。"
            "可重复运行,同一期限的提醒和督办只发一次。后台进程(python -m luoshi worker)每5分钟自动运行一次;"
            "此命令用于立即手动运行。")

    def handle(self, *args, **options):
        result = run_scheduler()
        if options["verbosity"]:
            self.stdout.write(_("到期提醒 %(r)d 条，超期督办 %(e)d 条") % {"r": result.reminders,
                                                                           "e": result.escalations})
