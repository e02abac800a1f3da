"""Demo pipeline: 中原区's 2025 plan exactly as its seed states it (002: "全年共谋划重点项目356个,总投资
2409.2亿元,力争完成投资335.3亿元" and its five category lines), the projects the seeds name with their
real figures where given, and synthetic filler (marked) so that counts and totals match the seed."""
import random
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from luoshi.core.records import save_with_history
from luoshi.organisations.models import Organisation
from luoshi.projects.models import CategoryPlan, Construction, Project, ProjectCategory, ProjectStep, Stage
from luoshi.projects.services import ensure_lists

S0, S2 = "000_fe62a0247c95cbc5.txt", "002_b7bdd805f71aa3f4.txt"
TOTAL, PLAN = Decimal("2409.2"), Decimal("335.3")
# category: (count, year plan, floor "确保…以上", named projects (name, source))
ZHONGYUAN = {
    "基础设施": (131, Decimal("60.6"), Decimal(53), [("郑新热电厂片区", S2), ("磨街二期", S2)]),
    "产业转型": (83, Decimal(112), Decimal(112), []),
    "绿色低碳": (10, Decimal("2.7"), Decimal("2.7"), []),
    "民生和社会事业": (60, Decimal(22), Decimal(22), [("凯旋路初级中学", S2), ("区级养老服务中心", S2)]),
    "棚户区改造": (72, Decimal(138), Decimal(138), [("须水棚户区改造(四期)", S2), ("郑新热电厂(一期)", S2),
                                                  ("郑州国棉三厂特色历史文化街区", S2)]),
}
# name, category, total investment, whether the total is the seed's
HUIJI = [("古荥城市更新", "城市更新", Decimal("90.84"), True), ("花园口城市更新", "城市更新", Decimal(79), True),
         ("华牧生物科技产业园", "产业转型", Decimal(18), False), ("大运河数字文创产业园", "产业转型", Decimal(12), False)]
STAGES = [Stage.RESERVE, Stage.READY, Stage.CONSTRUCTION, Stage.CONSTRUCTION, Stage.CONSTRUCTION, Stage.COMPLETED]


def _split(total: Decimal, n: int, rng) -> list[Decimal]:
    """n positive amounts (to 0.01) that add up to exactly `total`."""
    weights = [Decimal(rng.randint(5, 50)) for _ in range(n)]
    parts = [(total * w / sum(weights)).quantize(Decimal("0.01")) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def load(year: int = 2025) -> int:
    ensure_lists()
    admin = get_user_model().objects.filter(is_superuser=True).first()
    zhongyuan = Organisation.objects.filter(short_name="中原区", parent__isnull=False).first()
    if admin is None or zhongyuan is None or Project.objects.filter(organisation=zhongyuan).exists():
        return 0
    rng = random.Random(3562409)
    count = sum(c for c, *_rest in ZHONGYUAN.values())
    # Each project's total is its year plan plus a share of the rest, so every total covers its plan and
    # the district adds up to exactly 2409.2亿元.
    extras = iter(_split(TOTAL - PLAN, count, rng))
    made = 0
    for category_name, (n, plan, floor, named) in ZHONGYUAN.items():
        category = ProjectCategory.objects.get(name=category_name)
        CategoryPlan.objects.create(organisation=zhongyuan, year=year, category=category, floor=floor, source=S2)
        for i, plan_part in enumerate(_split(plan, n, rng)):
            name, source = named[i] if i < len(named) else (f"中原区{category_name}项目{i + 1:03d}", "合成")
            source = f"{source}(项目名称);投资额为合成" if source != "合成" else source
            made += _create(admin, zhongyuan, f"ZY-{year}-{made + 1:03d}", name, category, plan_part + next(extras),
                            plan_part, year, STAGES[i % len(STAGES)], source, rng, synthetic=True)
    huiji = Organisation.objects.filter(short_name="惠济区", parent__isnull=False).first()
    if huiji is not None:
        for i, (name, category_name, total, real) in enumerate(HUIJI):
            made += _create(admin, huiji, f"HJ-{year}-{i + 1:03d}", name, ProjectCategory.objects.get(name=category_name),
                            total, (total / 8).quantize(Decimal("0.01")), year, Stage.CONSTRUCTION,
                            S0 if real else f"{S0}(项目名称);投资额为合成", rng, synthetic=not real)
    _reports_and_wages(rng)
    return made


def _reports_and_wages(rng):
    """Synthetic monthly reports for the projects being built or completed (a few lag behind their plan)
    and last month's wages of those being built (one case of arrears), so that alerts and warnings have
    something to show."""
    from simple_history.utils import bulk_create_with_history

    from luoshi.core.periods import Period
    from luoshi.projects.models import MonthlyReport, WageRecord

    last = Period.current().previous(1)
    reports, wages = [], []
    built = (Stage.CONSTRUCTION, Stage.COMPLETED, Stage.IN_USE)
    for i, p in enumerate(Project.objects.filter(stage__in=built).order_by("pk")):
        # Completed projects invested their plan; a fifth of those being built lag far behind.
        share = (Decimal(1) if p.stage != Stage.CONSTRUCTION else
                 Decimal(rng.randint(40, 110)) / 100 if i % 5 else Decimal(rng.randint(10, 30)) / 100)
        months = 12 if p.plan_year < last.year else last.month
        done = Decimal(0)
        for month in range(1, months + 1):
            step = (p.year_plan * share / months).quantize(Decimal("0.0001"))
            done += step
            reports.append(MonthlyReport(project=p, year=p.plan_year, month=month, month_investment=step,
                                         cumulative=done, note="合成"))
        if p.stage != Stage.CONSTRUCTION:
            continue
        due = Decimal(rng.randint(20, 150))
        wages.append(WageRecord(project=p, year=last.year, month=last.month, payroll_due=due,
                                paid=due if i % 17 else due - Decimal(rng.randint(5, 15)), workers=rng.randint(30, 300)))
    bulk_create_with_history(reports, MonthlyReport, batch_size=2000, default_change_reason="合成数据")
    bulk_create_with_history(wages, WageRecord, batch_size=2000, default_change_reason="合成数据")


def _create(admin, org, code, name, category, total, plan, year, stage, source, rng, synthetic) -> int:
    project = Project(organisation=org, code=code, name=name, category=category, total_investment=total,
                      year_plan=plan, plan_year=year, stage=stage, source=source, is_synthetic=synthetic,
                      construction=Construction.CONTINUING if rng.random() < 0.4 else Construction.NEW,
                      actual_start=date(year, rng.randint(1, 4), 1) if stage != Stage.RESERVE and stage != Stage.READY
                      else None, completed_on=date(year, 6, 30) if stage == Stage.COMPLETED else None)
    save_with_history(project, admin, "演示数据")
    ProjectStep.objects.create(project=project, actor=admin, action="create", to_state=stage, text=source)
    return 1
