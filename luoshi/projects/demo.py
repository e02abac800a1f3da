"""Demo pipeline: 中原区's 2025 plan exactly as its seed states it (002: "全年共谋划重点项目356个,总投资
2409.2亿元,力争完成投资335.3亿元" and its five category lines), the projects the seeds name with their
real figures where given, and synthetic filler (marked) so that counts and totals match the seed."""
import random
from datetime import date, timedelta
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
         ("华牧生物科技产业园", "产业转型", Decimal(18), False),
         ("大运河数字文创产业园", "产业转型", Decimal(12), False)]
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
            source = f"{source}（项目名称）；投资额为合成" if source != "合成" else source
            made += _create(admin, zhongyuan, f"ZY-{year}-{made + 1:03d}", name, category, plan_part + next(extras),
                            plan_part, year, STAGES[i % len(STAGES)], source, rng, synthetic=True)
    huiji = Organisation.objects.filter(short_name="惠济区", parent__isnull=False).first()
    if huiji is not None:
        for i, (name, category_name, total, real) in enumerate(HUIJI):
            made += _create(admin, huiji, f"HJ-{year}-{i + 1:03d}", name,
                            ProjectCategory.objects.get(name=category_name),
                            total, (total / 8).quantize(Decimal("0.01")), year, Stage.CONSTRUCTION,
                            S0 if real else f"{S0}（项目名称）；投资额为合成", rng, synthetic=not real)
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
                                paid=due if i % 17 else due - Decimal(rng.randint(5, 15)),
                                workers=rng.randint(30, 300)))
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


# --- what each district keeps (issue 14): leaders, units, dates, approvals, milestones, 城市更新, funding ---

KEPT = "演示数据:分包领导、责任单位和计划日期(合成)"
# 中原区's 片区 → 单元 ("3大片区8个单元", 002); only 郑新热电厂 and 国棉三厂 are named by the seed.
RENEWAL = {"郑新热电厂片区": (S2, ["热电厂一期单元", "热电厂二期单元", "磨街单元"]),
           "须水片区": ("合成", ["须水一单元", "须水二单元", "须水三单元"]),
           "国棉三厂片区": (S2, ["A组团单元", "BCD组团单元"])}
MILESTONES = [("郑新热电厂(一期)", "3月底前实质性开工", date(2025, 3, 31), date(2025, 3, 28)),
              ("郑州国棉三厂特色历史文化街区", "5月底前A组团主体改造完成", date(2025, 5, 31), None)]
# (login, name, post): synthetic people (the profile's source says so), shown as “高志远（中原区副区长）”.
EXTRA_LEADERS = {"中原区": [("zhongyuan_vice_1", "高志远", "副区长"), ("zhongyuan_vice_2", "林晓梅", "副区长")]}
LOGIN_LEADERS = {"中原区": "zhongyuan_leader", "惠济区": "huiji_leader", "经开区": "jingkai_leader"}
JINGKAI = [("经开区新能源汽车零部件产业园(合成)", "产业转型", Decimal("36.5")),
           ("经开区智能装备制造基地(合成)", "产业转型", Decimal("22")),
           ("经开区综合保税区二期(合成)", "基础设施", Decimal("18.6"))]


def _leaders(district) -> list:
    """The district's 分包 leaders: its demo login first, then synthetic ones (no password, marked 合成)."""
    from django.contrib.auth.hashers import make_password

    from luoshi.organisations.models import Profile, Role

    User = get_user_model()
    out = list(User.objects.filter(username=LOGIN_LEADERS.get(district.short_name)))
    for username, display, title in EXTRA_LEADERS.get(district.short_name, []):
        user, made = User.objects.get_or_create(username=username, defaults={"password": make_password(None)})
        Profile.objects.get_or_create(user=user, defaults=dict(role=Role.DISTRICT_LEADER, organisation=district,
                                                               display_name=display, title=title, source="合成"))
        out.append(user)
    return out


def _dates(p, i: int, year: int):
    """Planned dates by library, so that 开工率, 竣工率 and 储备项目转化率 have something to count."""
    if p.stage == Stage.RESERVE:
        return date(year + 1, 1 + i % 6, 1), date(year + 2, 12, 31)
    if p.stage == Stage.READY:
        return date(year, 7 + i % 6, 1), date(year + 1, 12, 31)
    if p.stage == Stage.CONSTRUCTION:
        if p.construction == Construction.CONTINUING:
            return date(year - 1, 3 + i % 9, 1), date(year if i % 3 == 0 else year + 1, 12, 31)
        if i % 7 == 0:  # a reserve project started early (储备项目转化)
            return date(year + 1, 3, 1), date(year + 2, 6, 30)
        return date(year, 1 + i % 4, 1), date(year + 1, 12, 31)
    return date(year - 1, 5, 1), date(year, 6, 30)


def _approvals(admin, projects, year: int):
    """Started projects have every approval 办结 (a few 免办); ready ones some still 办理中, one in five overdue."""
    from simple_history.utils import bulk_create_with_history

    from luoshi.core.periods import today
    from luoshi.projects.models import ApprovalKind, ApprovalStatus, ProjectApproval

    kinds = list(ApprovalKind.objects.filter(is_active=True))
    rows = []
    for i, p in enumerate(projects):
        if p.stage == Stage.RESERVE or p.approvals.exists():
            continue
        started = p.actual_start or date(year, 1, 1)
        for k, kind in enumerate(kinds):
            row = ProjectApproval(project=p, kind=kind, due_date=started - timedelta(days=30 - 5 * k))
            if p.stage == Stage.READY and k >= 3:
                row.due_date = today() - timedelta(days=10) if i % 5 == 0 else today() + timedelta(days=20 + 10 * k)
            elif (kind.name == "环评" and i % 4 == 0) or (kind.name == "施工许可" and i % 6 == 0):
                row.status, row.waiver_reason = ApprovalStatus.WAIVED, f"既有建筑改造,{kind.name}按规定免办(合成)"
            else:
                row.status, row.done_date = ApprovalStatus.DONE, started - timedelta(days=40 - 5 * k)
                row.document = f"{p.organisation.short_name[:2]}{kind.name}〔{started.year}〕{100 + i}号(合成)"
            rows.append(row)
    bulk_create_with_history(rows, ProjectApproval, batch_size=1000, default_user=admin,
                             default_change_reason="演示数据:前期手续(合成)")


def _renewal(admin, district, projects):
    from luoshi.projects.models import RenewalArea, RenewalUnit

    if RenewalArea.objects.filter(organisation=district).exists():
        return []
    units = []
    for area_name, (source, unit_names) in RENEWAL.items():
        area = save_with_history(RenewalArea(organisation=district, name=area_name, source=source,
                                             is_synthetic=source == "合成"), admin, "演示数据")
        units += [save_with_history(RenewalUnit(area=area, name=n, source="合成", is_synthetic=True), admin, "演示数据")
                  for n in unit_names]
    shanty = [p for p in projects if p.category.name == "棚户区改造"]
    for i, p in enumerate(shanty):
        p.renewal = units[i % len(units)]
    return shanty


def _milestones(admin, projects, year: int):
    from luoshi.projects.models import Milestone

    by_name = {p.name: p for p in projects}
    rows = [Milestone(project=by_name[name], title=title, due_date=due, reached_on=reached, source=S2)
            for name, title, due, reached in MILESTONES if name in by_name]
    building = [p for p in projects if p.stage == Stage.CONSTRUCTION]
    for i, p in enumerate(building[::12]):  # synthetic: a few reached, three still open past their date
        rows.append(Milestone(project=p, title="主体结构封顶(合成)", due_date=date(year, 9, 30),
                              reached_on=None if i < 3 else date(year, 9, 20), source="合成"))
    for m in rows:
        if not Milestone.objects.filter(project=m.project, title=m.title).exists():
            save_with_history(m, admin, "演示数据:节点目标")


def complete(year: int = 2025) -> int:
    """Every demo project gets what its district keeps — a 分包 leader, a responsible unit, planned dates;
    started ones their approvals (some 免办); a few late milestones; 中原区 its 城市更新 tree and policy
    funding — without overwriting what is already there. Safe to run again. Returns projects completed."""
    from simple_history.utils import bulk_update_with_history

    from luoshi.organisations.access import district_units
    from luoshi.projects.models import FundingChannel, FundingState

    admin = get_user_model().objects.filter(is_superuser=True).first()
    done = 0
    channels, states = FundingChannel.values, FundingState.values
    for short, _login in LOGIN_LEADERS.items():
        district = Organisation.objects.filter(short_name=short, parent__isnull=False).first()
        if district is None:
            continue
        if short == "经开区":
            _jingkai(admin, district, year)
        leaders, units = _leaders(district), list(district_units(district).order_by("pk"))
        projects = list(Project.objects.filter(organisation=district).select_related("category", "organisation")
                        .order_by("code"))
        if not leaders or not units or not projects:
            continue
        changed = []
        for i, p in enumerate(projects):
            if p.leader_id is None:
                p.leader, p.responsible_unit = leaders[i % len(leaders)], p.responsible_unit or units[i % len(units)]
                p.planned_start, p.planned_finish = _dates(p, i, year)
                if p.stage == Stage.CONSTRUCTION and p.construction == Construction.CONTINUING:
                    p.actual_start = p.planned_start + timedelta(days=15)
                if p.stage == Stage.COMPLETED:
                    p.actual_start = date(year - 1, 5, 20)
                if short == "中原区" and i % 5 == 0:
                    p.in_national_library = True
                    p.funding_demand = (p.total_investment * Decimal("0.35")).quantize(Decimal("0.01"))
                    p.funding_channel, p.funding_state = channels[i % len(channels)], states[i % len(states)]
                changed.append(p)
        if short == "中原区":
            renewal = _renewal(admin, district, projects)
            changed += [p for p in renewal if p not in changed]
        if changed:
            bulk_update_with_history(changed, Project, ["leader", "responsible_unit", "planned_start", "planned_finish",
                                                        "actual_start", "in_national_library", "funding_demand",
                                                        "funding_channel", "funding_state", "renewal"],
                                     batch_size=500, default_user=admin, default_change_reason=KEPT)
        _approvals(admin, projects, year)
        _milestones(admin, projects, year)
        done += len(changed)
    return done


def _jingkai(admin, district, year: int):
    """经开区 has no project list in the seeds: three synthetic projects under construction (marked)."""
    if Project.objects.filter(organisation=district).exists():
        return
    rng = random.Random(11)
    for i, (name, category, total) in enumerate(JINGKAI, start=1):
        _create(admin, district, f"JK-{year}-{i:03d}", name, ProjectCategory.objects.get(name=category), total,
                (total / 5).quantize(Decimal("0.01")), year, Stage.CONSTRUCTION, "合成", rng, synthetic=True)


def load_demo() -> str:
    """The pipeline's demo (the projects, then their leaders, units, dates and approvals), for load_demo."""
    return f"{load()} projects, {complete()} completed"
