"""Demo responsibility letters (synthetic, marked so): the seeds tell that every department, town and
platform company of 经开区 hands the district a signed letter (S1, "递交目标责任书"); the items and
their progress here are made up around the ledger's own demo figures."""
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi.accountability import services
from luoshi.accountability.models import ItemKind, ItemRole, ResponsibilityLetter, ScoringRule
from luoshi.core.periods import today
from luoshi.indicators import selectors as indicator_selectors
from luoshi.organisations.models import UNIT_KINDS, Organisation

SOURCE = "合成;做法见001_9ad7097c21d10d23.txt(递交目标责任书)"
DISTRICTS = ("经开区", "惠济区")
TASKS = [("完成重点项目年度投资计划", "80", "截至10月完成年度计划的82%,见项目月报"),
         ("企业诉求“急难愁盼”事项清零", "70", "已办结21件,剩余9件在办,见诉求台账"),
         ("营商环境评价整改", "100", "整改清单全部销号,见区营商办通报")]


def load(year: int | None = None) -> int:
    """Letters for every unit of the two districts that has none yet; returns how many were made."""
    year = year or today().year
    admin = get_user_model().objects.filter(is_superuser=True).first()
    if admin is None:
        return 0
    indicators = {i.code: i for i in indicator_selectors.indicators_by_code(["fixed_investment", "retail_sales",
                                                                         "budget_revenue"])}
    made = 0
    for n, unit in enumerate(Organisation.objects.filter(parent__short_name__in=DISTRICTS, kind__in=UNIT_KINDS)
                             .order_by("pk")):
        if ResponsibilityLetter.objects.filter(unit=unit, year=year).exists():
            continue
        letter = services.create_letter(admin, unit=unit, year=year)
        ResponsibilityLetter.objects.filter(pk=letter.pk).update(is_synthetic=True, source=SOURCE)
        order = 1
        for ind in indicators.values():
            if indicator_selectors.target_of(unit, ind, year) is not None:
                services.add_item(admin, letter, order=order, title=f"{ind.name}完成年度目标", kind=ItemKind.INDICATOR,
                                  indicator=ind, weight=Decimal(20), rule=ScoringRule.PROPORTIONAL)
                order += 1
        services.add_item(admin, letter, order=order, title="企业诉求按期办结率不低于95%",
                          kind=ItemKind.APPEAL_ON_TIME, required_pct=Decimal(95), weight=Decimal(10),
                          rule=ScoringRule.THRESHOLD, threshold_pct=Decimal(80))
        services.add_item(admin, letter, order=order + 1, title="企业诉求满意率不低于90%",
                          kind=ItemKind.APPEAL_SATISFACTION, required_pct=Decimal(90), weight=Decimal(10),
                          rule=ScoringRule.PROPORTIONAL)
        title, done, evidence = TASKS[n % len(TASKS)]
        task = services.add_item(admin, letter, order=order + 2, title=title, kind=ItemKind.TASK,
                                 weight=Decimal(20), rule=ScoringRule.THRESHOLD, threshold_pct=Decimal(60))
        services.add_item(admin, letter, order=order + 3, title="发生安全生产责任事故", kind=ItemKind.TASK,
                          role=ItemRole.DEDUCTION, weight=Decimal(10))
        services.report_task(admin, task, done_pct=done, evidence=evidence)
        if n % 3 != 2:  # most letters are signed; some still wait for review
            services.transition(admin, letter, services.REVIEW)
            services.transition(admin, letter, services.SIGN, text="年度工作会议上递交",
                                scan=SimpleUploadedFile("demo-scan.pdf", b"%PDF-1.4\n% synthetic demo scan\n"))
        made += 1
    return made
