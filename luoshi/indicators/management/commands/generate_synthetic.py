from django.core.management.base import BaseCommand

from luoshi.core.numbers import clean_year
from luoshi.core.periods import Period
from luoshi.core.progress import progress_bar
from luoshi.indicators.synthetic import generate


class Command(BaseCommand):
    help = "生成演示用合成月度数据(标记为合成),围绕种子中的真实数据;只补充缺失的记录。"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=20231231, help="随机种子,相同种子生成相同数据")
        parser.add_argument("--through", type=int, default=None,
                            help="合成数据截至该年12月(不晚于上月);默认截至上月")

    def handle(self, *args, seed, through, **options):
        last = Period.current().previous(1)
        if through is not None:
            last = min(last, Period(clean_year(through), 12))
        with progress_bar("合成数据", "单位", options["verbosity"]) as progress:
            result = generate(seed=seed, last=last, progress=progress)
        self.stdout.write(self.style.SUCCESS(
            f"新增合成实绩 {result['actuals']} 条,合成目标 {result['targets']} 条"))
