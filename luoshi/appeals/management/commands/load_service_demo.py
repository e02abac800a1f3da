from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from luoshi.appeals.demo import load_appeals_demo


class Command(BaseCommand):
    help = "载入企业诉求演示数据:企业诉求闭环和企业家接待日(须先载入基础演示数据;可重复运行)。"

    def handle(self, *args, **options):
        appeals = load_appeals_demo()
        if options["verbosity"]:
            self.stdout.write(_("企业诉求 %(a)d 件(已有的不重复载入)") % {"a": appeals["appeals"]})
