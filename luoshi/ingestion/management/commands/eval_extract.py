import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from luoshi.ingestion.evaluation import GOLD_DIR, evaluate, format_report


class Command(BaseCommand):
    help = "用人工标注集(tests/ingestion/gold)衡量工作报告解析:按类型和总体输出精确率与召回率。"

    def add_arguments(self, parser):
        parser.add_argument("--gold", default=str(GOLD_DIR), help=_("标注集目录(含 gold.jsonl、documents.json、seeds/)"))
        parser.add_argument("--given-dates", action="store_true",
                            help=_("使用标注集中的文件日期,而不是从正文识别"))
        parser.add_argument("--verbose", action="store_true", help=_("列出漏识、误识和属性不一致的各项"))
        parser.add_argument("--json", action="store_true", help=_("以JSON输出各类型的计数、精确率和召回率"))

    def handle(self, *args, **options):
        gold = Path(options["gold"])
        if not (gold / "gold.jsonl").exists():
            raise CommandError(_("标注集目录中没有 gold.jsonl:%(d)s") % {"d": gold})
        report = evaluate(gold, given_dates=options["given_dates"])
        if options["json"]:
            data = {kind: dict(c, precision=report.precision(kind), recall=report.recall(kind))
                    for kind, c in report.counts.items()}
            data["overall"] = dict(precision=report.precision(), recall=report.recall())
            data["agreement"] = {a: dict(agree=n[0], compared=n[1]) for a, n in report.agreement.items()}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        self.stdout.write(format_report(report, verbose=options["verbose"]))
