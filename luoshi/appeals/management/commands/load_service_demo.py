from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from luoshi.appeals.demo import load_appeals_demo
from luoshi.inspections.demo import load_inspections_demo


class Command(BaseCommand):
    help = "载入企业服务演示数据:企业诉求闭环、企业家接待日和企业宁静日(须先载入基础演示数据;可重复运行)。"

    def handle(self, *args, **options):
        appeals = load_appeals_demo()
        visits = load_inspections_demo()
        if options["verbosity"]:
            self.stdout.write(_("企业诉求 %(a)d 件,宁静日报备 %(v)d 件(已有的不重复载入)") % {
                "a": appeals["appeals"], "v": visits["visits"]})
