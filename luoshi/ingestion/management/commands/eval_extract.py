import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from luoshi.ingestion.evaluation import GOLD_SETS, evaluate, format_report


class Command(BaseCommand):
    help = ("用人工标注集衡量工作报告解析:种子集(开发集)与留出集分别按类型和总体输出严格精确率与召回率,"
            "以及角色、比较方式等属性的一致率。")

    def add_arguments(self, parser):
        parser.add_argument("--gold", action="append",
                            help=_("标注集目录（含 gold.jsonl、documents.json、texts/ 或 seeds/），可重复；"
                                   "默认种子集和留出集"))
        parser.add_argument("--given-dates", action="store_true",
                            help=_("使用标注集中的文件日期，而不是从正文识别"))
        parser.add_argument("--verbose", action="store_true", help=_("列出漏识、误识和属性不一致的各项"))
        parser.add_argument("--json", action="store_true", help=_("以JSON输出各类型的计数、精确率和召回率"))

    def handle(self, *args, **options):
        sets = {Path(g).name: Path(g) for g in options["gold"]} if options["gold"] else GOLD_SETS
        for gold in sets.values():
            if not (gold / "gold.jsonl").exists():
                raise CommandError(_("标注集目录中没有 gold.jsonl:%(d)s") % {"d": gold})
        reports = {name: evaluate(gold, given_dates=options["given_dates"]) for name, gold in sets.items()}
        if options["json"]:
            self.stdout.write(json.dumps({n: r.as_dict() for n, r in reports.items()}, ensure_ascii=False, indent=1))
            return
        titles = {"seeds": "seeds (development set)", "heldout": "held-out set (frozen before the rules were changed)",
                  "fresh": "fresh held-out set (frozen before the reader first ran on it)"}
        self.stdout.write("\n\n".join(format_report(r, verbose=options["verbose"], title="== " + titles.get(n, n))
                                      for n, r in reports.items()))
