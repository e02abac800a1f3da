import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from luoshi.core.units import fmt
from luoshi.ingestion.extract import extract
from luoshi.ingestion.readers import UnreadableFile, read_path


class Command(BaseCommand):
    help = "解析工作报告(.txt 或 .docx),列出识别出的目标、实绩、项目、数量、区间和占比;不写入任何数据。"

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("报告文件（.txt：UTF-8或GB18030；.docx）"))
        parser.add_argument("--json", action="store_true", help=_("以JSON输出(每项一个对象)"))
        parser.add_argument("--date", help=_("文件日期 YYYY-MM-DD，用于解析“明年”“今年”；默认从正文识别"))
        parser.add_argument("--organisation", help=_("正文未写明单位时的默认单位"))
        parser.add_argument("--db-catalogue", action="store_true", help=_("使用数据库中的指标目录(含管理员添加的别名)"))

    def handle(self, *args, **options):
        try:
            text = read_path(options["file"])
        except (OSError, UnreadableFile) as exc:
            raise CommandError(str(exc)) from exc
        try:
            date = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(_("日期格式应为 YYYY-MM-DD")) from exc
        matcher = None
        if options["db_catalogue"]:
            from luoshi.ingestion.services import catalogue_matcher

            matcher = catalogue_matcher()
        findings = extract(text, date=date, organisation=options["organisation"], matcher=matcher)
        if options["json"]:
            self.stdout.write(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
            return
        for f in findings:
            value = fmt(f.value, f.unit) if f.value_high is None else f"{fmt(f.value)}–{fmt(f.value_high, f.unit)}"
            self.stdout.write(f"{f.start:>6}-{f.end:<6} {f.kind:<8} {f.organisation or '—':<8} {f.year or '—'} "
                              f"{value:>14} {'增速' if f.is_growth else '    '} {f.comparator:<8} {f.commitment:<8} "
                              f"{f.indicator_code or '—':<24} {f.text.replace(chr(10), '')}")
        self.stdout.write(_("共%(n)d项") % {"n": len(findings)})
