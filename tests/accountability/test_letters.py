"""Responsibility letters: scoring rules on worked examples, the sign-and-freeze machine, amendments,
and who sees which letter."""
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi.accountability import services
from luoshi.accountability.models import (
    ItemKind,
    ItemRole,
    LetterState,
    ProjectMeasure,
    ResponsibilityLetter,
    ScoringRule,
)
from luoshi.accountability.selectors import assessment, letter_score
from luoshi.core.workflow import Refused
from luoshi.indicators.services import record_actual, set_target

NOW = "2025-11-24 10:00 +0800"
SCAN = b"%PDF-1.4 signed and stamped"


def scan():
    return SimpleUploadedFile("signed.pdf", SCAN)


@pytest.fixture
def letter(world, indicator):
    """古荥镇 (a unit of district A) promises fixed-asset investment +8% (10 points, proportional), retail
    sales 不少于50亿元 (10 points, full marks only if met), a task (5 points, threshold 60%), and
    a bonus; investment is at +6% and retail at 40亿元 after ten months."""
    with time_machine.travel(NOW):
        fai, retail = indicator("fixed_investment"), indicator("retail_sales")
        set_target(world.users.a_data, organisation=world.a_unit, indicator=fai, year=2025, wording="增长8%")
        set_target(world.users.a_data, organisation=world.a_unit, indicator=retail, year=2025, wording="不少于50亿元")
        record_actual(world.users.a_unit, organisation=world.a_unit, indicator=fai, year=2025, month=10,
                      value="30", growth_pct="6")
        record_actual(world.users.a_unit, organisation=world.a_unit, indicator=retail, year=2025, month=10,
                      value="40", growth_pct="5")
        letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
        add = lambda **f: services.add_item(world.users.a_data, letter, **f)  # noqa: E731
        world.fai_item = add(title="固定资产投资增长8%", kind=ItemKind.INDICATOR, indicator=fai, weight=Decimal(10),
                             rule=ScoringRule.PROPORTIONAL)
        world.retail_item = add(title="社消零不少于50亿元", kind=ItemKind.INDICATOR, indicator=retail,
                                weight=Decimal(10), rule=ScoringRule.FULL)
        world.task_item = add(title="完成古荥城市更新一期征迁", kind=ItemKind.TASK, weight=Decimal(5),
                              rule=ScoringRule.THRESHOLD, threshold_pct=Decimal(60))
        world.bonus_item = add(title="获评省级示范镇", kind=ItemKind.TASK, role=ItemRole.BONUS, weight=Decimal(2))
    world.letter = letter
    return world


@time_machine.travel(NOW)
def test_proportional_item_scores_the_share_achieved_and_says_how(letter):
    score = letter_score(letter.letter)
    fai = next(i for i in score.items if i.item == letter.fai_item)
    assert fai.points == Decimal("7.50")
    assert "按完成比例：10分×75%=7.5分" in fai.explanation
    assert "累计增长6%" in fai.explanation


@time_machine.travel(NOW)
def test_full_marks_rule_gives_nothing_below_the_time_share(letter):
    retail = next(i for i in letter_score(letter.letter).items if i.item == letter.retail_item)
    # 40 of 50 = 80% done against 83.3% of the year elapsed: not met, so no points.
    assert retail.points == 0 and "未达标不得分" in retail.explanation


@time_machine.travel(NOW)
def test_threshold_rule_gives_nothing_below_threshold_and_proportional_above(letter):
    services.report_task(letter.users.a_unit, letter.task_item, done_pct="50", evidence="征迁协议签订过半")
    assert next(i for i in letter_score(letter.letter).items if i.item == letter.task_item).points == 0
    services.report_task(letter.users.a_unit, letter.task_item, done_pct="80", evidence="签约率80%,见会议纪要")
    task = next(i for i in letter_score(letter.letter).items if i.item == letter.task_item)
    assert task.points == Decimal("4.00") and "签约率80%" in task.explanation


@time_machine.travel(NOW)
def test_bonus_adds_only_when_achieved_and_is_outside_the_maximum(letter):
    score = letter_score(letter.letter)
    assert score.max_total == Decimal(25)
    services.report_task(letter.users.a_data, letter.bonus_item, done_pct="100", evidence="省住建厅通报")
    assert letter_score(letter.letter).total == score.total + 2


@time_machine.travel(NOW)
def test_changing_the_live_data_changes_the_score(letter, indicator):
    before = letter_score(letter.letter).total
    record_actual(letter.users.a_unit, organisation=letter.a_unit, indicator=indicator("fixed_investment"),
                  year=2025, month=10, value="31", growth_pct="8.2", reason="统计局反馈修正")
    assert letter_score(letter.letter).total == before + Decimal("2.50")


@time_machine.travel(NOW)
def test_letter_is_reviewed_then_signed_with_its_scan_and_then_frozen(letter):
    a_data = letter.users.a_data
    with pytest.raises(Refused, match="不能“签订”"):
        services.transition(a_data, letter.letter, services.SIGN, scan=scan())
    services.transition(a_data, letter.letter, services.REVIEW)
    with pytest.raises(Refused, match="须上传签字盖章的扫描件"):
        services.transition(a_data, letter.letter, services.SIGN)
    with pytest.raises(Refused, match="不是PDF、JPG、PNG文件"):
        services.transition(a_data, letter.letter, services.SIGN,
                            scan=SimpleUploadedFile("signed.pdf", b"MZ\x90 not a pdf"))
    services.transition(a_data, letter.letter, services.SIGN, scan=scan())
    signed = ResponsibilityLetter.objects.get(pk=letter.letter.pk)
    assert signed.state == LetterState.SIGNED and signed.signed_at and signed.signed_scan.read() == SCAN
    with pytest.raises(Refused, match="不能直接修改"):
        services.change_item(a_data, letter.fai_item, weight=Decimal(20))
    with pytest.raises(Refused, match="不能直接修改"):
        services.add_item(a_data, signed, title="新增", kind=ItemKind.TASK, weight=Decimal(1))
    assert [s.action for s in signed.steps.order_by("id")] == ["draft", "review", "sign"]


@time_machine.travel(NOW)
def test_signed_letter_changes_only_by_an_amendment_with_its_reason(letter):
    a_data = letter.users.a_data
    services.transition(a_data, letter.letter, services.REVIEW)
    services.transition(a_data, letter.letter, services.SIGN, scan=scan())
    with pytest.raises(Refused, match="须填写说明"):
        services.amend(a_data, letter.letter, reason="", changes={letter.fai_item.pk: {"weight": Decimal(12)}})
    services.amend(a_data, letter.letter, reason="区政府常务会议调整权重",
                   changes={letter.fai_item.pk: {"weight": Decimal(12)}})
    letter.fai_item.refresh_from_db()
    assert letter.fai_item.weight == 12
    step = letter.letter.steps.order_by("id").last()
    assert step.action == "amend" and "区政府常务会议调整权重" in step.text and "10.00 → 12" in step.text
    assert letter.fai_item.history.order_by("-history_id").first().history_change_reason == "区政府常务会议调整权重"


@time_machine.travel(NOW)
def test_returning_a_reviewed_letter_needs_a_reason(letter):
    services.transition(letter.users.a_data, letter.letter, services.REVIEW)
    with pytest.raises(Refused, match="须填写说明"):
        services.transition(letter.users.a_data, letter.letter, services.RETURN)
    services.transition(letter.users.a_data, letter.letter, services.RETURN, text="权重合计不是100")
    assert ResponsibilityLetter.objects.get(pk=letter.letter.pk).state == LetterState.DRAFT


@time_machine.travel(NOW)
def test_only_district_data_staff_draft_and_units_report_only_their_own_tasks(letter):
    with pytest.raises(PermissionDenied):
        services.create_letter(letter.users.b_data, unit=letter.a_unit, year=2026)
    with pytest.raises(PermissionDenied):
        services.transition(letter.users.a_leader, letter.letter, services.REVIEW)
    with pytest.raises(PermissionDenied):
        services.report_task(letter.users.b_data, letter.task_item, done_pct="100", evidence="x")
    with pytest.raises(Refused, match="由系统根据数据计算"):
        services.report_task(letter.users.a_unit, letter.fai_item, done_pct="100", evidence="x")


@time_machine.travel(NOW)
def test_a_unit_sees_its_own_letter_the_district_all_and_district_b_none(letter):
    other_unit = letter.a.children.create(name="新城街道", short_name="新城街道", kind="town")
    services.create_letter(letter.users.a_data, unit=other_unit, year=2025)
    visible = lambda u: set(ResponsibilityLetter.objects.for_user(u).values_list("unit__name", flat=True))  # noqa: E731
    assert visible(letter.users.a_unit) == {"古荥镇"}
    assert visible(letter.users.a_leader) == {"古荥镇", "新城街道"}
    assert visible(letter.users.a_discipline) == {"古荥镇", "新城街道"}
    assert visible(letter.users.b_leader) == set() and visible(letter.users.a_enterprise) == set()


@time_machine.travel(NOW)
def test_assessment_ranks_units_and_names_advanced_units_with_reasons(letter, settings):
    settings.LUOSHI = {**settings.LUOSHI, "ADVANCED_MIN_SCORE": Decimal(25), "ADVANCED_MAX_SHARE": Decimal("0.5")}
    other_unit = letter.a.children.create(name="新城街道", short_name="新城街道", kind="town")
    weak = services.create_letter(letter.users.a_data, unit=other_unit, year=2025)
    services.add_item(letter.users.a_data, weak, title="招商任务", kind=ItemKind.TASK, weight=Decimal(10))
    assert not assessment(letter.users.a_leader, letter.a, 2025)[0].advanced, "an unsigned letter is not in force"
    services.transition(letter.users.a_data, letter.letter, services.REVIEW)
    services.transition(letter.users.a_data, letter.letter, services.SIGN, scan=scan())
    scores = assessment(letter.users.a_leader, letter.a, 2025)
    assert [(s.letter.unit.name, s.rank) for s in scores] == [("古荥镇", 1), ("新城街道", 2)]
    best = scores[0]
    assert best.advanced and best.reasons[0].startswith("考评得分30分（百分制；计分项7.5/25分）") \
        and "居2个单位第1" in best.reasons[0]
    assert not scores[1].advanced
    assert assessment(letter.users.a_unit, letter.a, 2025)[0].letter.unit.name == "古荥镇"
    assert len(assessment(letter.users.a_unit, letter.a, 2025)) == 1


@time_machine.travel(NOW)
def test_quarterly_score_uses_the_figures_up_to_the_quarter_end(letter, indicator):
    record_actual(letter.users.a_unit, organisation=letter.a_unit, indicator=indicator("fixed_investment"),
                  year=2025, month=6, value="15", growth_pct="8")
    q2 = next(i for i in letter_score(letter.letter, 2).items if i.item == letter.fai_item)
    assert q2.points == Decimal(10), "at the end of Q2 investment was +8%: full marks"
    year = next(i for i in letter_score(letter.letter).items if i.item == letter.fai_item)
    assert year.points == Decimal("7.50")


@time_machine.travel("2025-07-10 10:00 +0800")
def test_project_and_investment_items_are_scored_from_the_pipeline_and_the_investment_ledger(world):
    from datetime import date

    from luoshi.investment import services as invest
    from luoshi.investment.models import Measure
    from luoshi.projects import services as pipeline
    from luoshi.projects.models import ProjectCategory

    pipeline.ensure_lists()
    project = pipeline.create_project(world.users.a_data, organisation=world.a, code="HJ-1", name="古荥城市更新",
                                      category=ProjectCategory.objects.first(), total_investment="90.84",
                                      plan_year=2025, year_plan="12", responsible_unit=world.a_unit)
    pipeline.record_report(world.users.a_unit, project, year=2025, month=6, month_investment="1", cumulative="3")
    target = invest.set_target(world.users.a_data, organisation=world.a, year=2025, measure=Measure.SIGNED_AMOUNT,
                               wording="不低于450亿元")
    lead = invest.create_lead(world.users.a_data, organisation=world.a, name="协鑫", investor="协鑫集团",
                              lead_date=date(2025, 1, 5))
    invest.transition(world.users.a_data, lead, invest.SIGN, when=date(2025, 3, 1), amount="180")
    letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
    services.add_item(world.users.a_data, letter, title="古荥城市更新完成年度投资", kind=ItemKind.PROJECT,
                      project=project, weight=Decimal(10))
    services.add_item(world.users.a_data, letter, title="招商签约额", kind=ItemKind.INVESTMENT,
                      investment_target=target, weight=Decimal(10))
    project_item, invest_item = letter_score(letter).items
    # 3 of 12 done = 25% against 58.3% of the year elapsed (July): 42.9% of the points.
    assert project_item.points == Decimal("4.29") and "年度计划12亿元的25%（时间进度58.3%）" in project_item.explanation
    # 180 of 450 = 40% against 58.3% of the year (July): 68.6% of the points.
    assert invest_item.points == Decimal("6.86") and "落后时间进度" in invest_item.explanation
    with pytest.raises(Refused, match="不选择单个项目"):
        services.add_item(world.users.a_data, letter, title="x", kind=ItemKind.PROJECT, project=project,
                          project_measure=ProjectMeasure.START, weight=Decimal(1))
    with pytest.raises(Refused, match="只有重点项目类事项"):
        services.add_item(world.users.a_data, letter, title="x", kind=ItemKind.TASK,
                          project_measure=ProjectMeasure.FINISH, weight=Decimal(1))


def _unit_projects(world):
    """古荥镇 is responsible for two 2025 projects (plans 12 and 8 亿元; one due to start in March and started,
    one due in September), district A has a third it is not responsible for; by June 7 of 20 亿元 are done."""
    from datetime import date

    from luoshi.projects import services as pipeline
    from luoshi.projects.models import Project, ProjectCategory

    pipeline.ensure_lists()
    make = lambda code, plan, **f: pipeline.create_project(  # noqa: E731
        world.users.a_data, organisation=world.a, code=code, name=code, category=ProjectCategory.objects.first(),
        total_investment="50", plan_year=2025, year_plan=plan, **f)
    one = make("HJ-1", "12", responsible_unit=world.a_unit, planned_start=date(2025, 3, 1))
    two = make("HJ-2", "8", responsible_unit=world.a_unit, planned_start=date(2025, 9, 1))
    other = make("HJ-3", "40", planned_start=date(2025, 2, 1))
    Project.objects.filter(pk__in=[one.pk, other.pk]).update(actual_start=date(2025, 3, 5))
    pipeline.record_report(world.users.a_data, one, year=2025, month=6, month_investment="2", cumulative="6")
    pipeline.record_report(world.users.a_data, two, year=2025, month=6, month_investment="1", cumulative="1")
    pipeline.record_report(world.users.a_data, other, year=2025, month=6, month_investment="30", cumulative="30")


@time_machine.travel("2025-07-10 10:00 +0800")
def test_a_pipeline_item_naming_no_project_scores_the_units_projects_from_their_reports(world):
    letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
    invest = services.add_item(world.users.a_data, letter, title="完成重点项目年度投资计划", kind=ItemKind.PROJECT,
                               weight=Decimal(20))
    start = services.add_item(world.users.a_data, letter, title="重点项目开工率", kind=ItemKind.PROJECT,
                              project_measure=ProjectMeasure.START, weight=Decimal(10))
    finish = services.add_item(world.users.a_data, letter, title="重点项目竣工率", kind=ItemKind.PROJECT,
                               project_measure=ProjectMeasure.FINISH, weight=Decimal(10))
    empty = {s.item: s for s in letter_score(letter).items}
    assert empty[invest].points == 0 and empty[invest].explanation == "古荥镇2025年没有负责的重点项目,不计分"
    assert letter_score(letter).max_total == 0, "nothing to measure is out of the maximum, not a miss"
    _unit_projects(world)
    scored = {s.item: s for s in letter_score(letter).items}
    # 7 of 20 亿元 = 35% against 58.3% of the year (July): 60% of 20 points; the third project is not the unit's.
    assert scored[invest].points == Decimal("12.00"), scored[invest].explanation
    assert scored[invest].explanation.startswith(
        "古荥镇负责的2个重点项目年内完成投资7亿元，为年度计划20亿元的35%（时间进度58.3%）")
    # one of the two due to start this year has started: 50% of the required 100%.
    assert scored[start].points == Decimal("5.00")
    assert scored[start].explanation.startswith("古荥镇负责的重点项目开工率50%（1/2个，要求100%）")
    assert scored[finish].ratio is None and "均无计划竣工,不计分" in scored[finish].explanation
    assert letter_score(letter).max_total == Decimal(30)


@time_machine.travel("2025-07-10 10:00 +0800")
def test_a_start_rate_item_is_scored_against_the_rate_the_letter_requires(world):
    _unit_projects(world)
    letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
    services.add_item(world.users.a_data, letter, title="重点项目开工率不低于80%", kind=ItemKind.PROJECT,
                      project_measure=ProjectMeasure.START, required_pct=Decimal(80), weight=Decimal(10),
                      rule=ScoringRule.FULL)
    item = letter_score(letter).items[0]
    assert "要求80%" in item.explanation and item.points == 0 and "未达标不得分" in item.explanation


@time_machine.travel("2025-07-10 10:00 +0800")
def test_a_named_project_without_a_year_plan_is_not_scored(world):
    from luoshi.projects import services as pipeline
    from luoshi.projects.models import Project, ProjectCategory

    pipeline.ensure_lists()
    project = pipeline.create_project(world.users.a_data, organisation=world.a, code="HJ-9", name="古荥储备项目",
                                      category=ProjectCategory.objects.first(), total_investment="5",
                                      plan_year=2025, year_plan="1")
    Project.objects.filter(pk=project.pk).update(year_plan=0)
    letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
    services.add_item(world.users.a_data, letter, title="古荥储备项目完成投资", kind=ItemKind.PROJECT, project=project,
                      weight=Decimal(10))
    item = letter_score(letter).items[0]
    assert item.ratio is None and item.explanation == "“古荥储备项目”未列年度计划投资,不计分"


def test_a_letter_cannot_name_another_districts_project(world):
    from luoshi.projects import services as pipeline
    from luoshi.projects.models import ProjectCategory

    pipeline.ensure_lists()
    foreign = pipeline.create_project(world.users.b_data, organisation=world.b, code="ZY-1", name="中原项目",
                                      category=ProjectCategory.objects.first(), total_investment="5",
                                      plan_year=2025, year_plan="1")
    letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
    with pytest.raises(Refused, match="不属于惠济区"):
        services.add_item(world.users.a_data, letter, title="x", kind=ItemKind.PROJECT, project=foreign,
                          weight=Decimal(1))
    assert not letter.items.exists()


@time_machine.travel(NOW)
def test_an_appeal_item_with_no_appeals_is_not_scored_and_does_not_make_the_letter_100(world):
    """A letter whose only item is 按期办结率 and whose unit has no appeals: 不计分, 0 items scored, not 100."""
    letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
    services.add_item(world.users.a_data, letter, title="企业诉求按期办结率不低于95%", kind=ItemKind.APPEAL_ON_TIME,
                      weight=Decimal(10), required_pct=Decimal(95))
    score = letter_score(letter)
    assert "不计分" in score.items[0].explanation and "按达标计" not in score.items[0].explanation
    assert (score.scored_count, score.max_total, score.score) == (0, Decimal(0), Decimal(0))
