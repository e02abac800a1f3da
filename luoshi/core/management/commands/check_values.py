from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from luoshi.core.progress import progress_bar
from luoshi.core.value_check import out_of_range


class Command(BaseCommand):
    help = ("检查已保存的数值:列出超出其字段范围的值(非有限数、位数过多、不应为负的负数、2000—2100年以外的年度),"
            "按模型、编号和字段;发现时以非零状态退出。")

    def handle(self, *args, **options):
        with progress_bar(_("检查数值"), _("表"), options["verbosity"]) as progress:
            found = out_of_range(progress)
        model = None
        for item in found:
            if item.model != model:
                model = item.model
                self.stdout.write(f"\n{item.verbose_name}({item.model})")
            self.stdout.write(f"  id={item.pk}  {item.field} = {item.value}:{item.reason}")
        if found:
            raise CommandError(_("发现%(n)d个超出范围的数值，请逐条更正（修改须写明原因）") % {"n": len(found)})
        self.stdout.write(self.style.SUCCESS(_("所有已保存的数值都在其字段范围内")))
