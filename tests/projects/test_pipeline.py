"""The project pipeline: every stage move and its refusal, alerts with frozen time, roll-up arithmetic,
the plan sentence, monthly reports with revisions, wage warnings, the hand-over from investment, scope."""
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from luoshi.core.records import ConflictError
from luoshi.core.workflow import Refused
from luoshi.projects import services
from luoshi.projects.models import ApprovalStatus, Project, ProjectApproval, ProjectCategory, Stage
from luoshi.projects.selectors import alerts, board, plan_sentence, rollup, wage_warnings
from tests.projects.conftest import NOW, prepare, settle_all


@time_machine.travel(NOW)
def test_entering_ready_attaches_the_configured_approvals_with_due_dates(world, project):
    from luoshi.projects.models import ApprovalKind

    assert not project.approvals.exists()
    ApprovalKind.objects.filter(name="环评").update(due_days=15)
    ApprovalKind.objects.create(name="节能审查", order=60, due_days=30)
    ApprovalKind.objects.filter(name="施工许可").update(is_active=False)
    services.transition(world.users.a_data, project, services.PREPARE)
    attached = {a.kind.name: (a.status, a.due_date) for a in project.approvals.select_related("kind")}
    assert attached == {"立项": ("pending", date(2025, 9, 8)), "用地": ("pending", date(2025, 9, 8)),
                        "规划": ("pending", date(2025, 9, 8)), "环评": ("pending", date(2025, 7, 25)),
                        "节能审查": ("pending", date(2025, 8, 9))}


@time_machine.travel(NOW)
def test_project_cannot_start_while_approvals_are_open_and_says_which(world, project):
    u = world.users.a_data
    services.transition(u, project, services.PREPARE)
    with pytest.raises(Refused) as refused:
        services.transition(u, project, services.START, when=date(2025, 7, 1))
    assert refused.value.reasons == ["前期手续未办结：立项、用地、规划、环评、"
                                     "施工许可（办结或写明理由免办后才能开工转入在建库）"]
    approvals = list(project.approvals.select_related("kind"))
    for a in approvals[:-2]:
        services.settle_approval(u, a, status=ApprovalStatus.DONE, done_date=date(2025, 3, 1),
                                 document="郑发改〔2025〕8号")
    with pytest.raises(Refused, match="须写明理由"):
        services.settle_approval(u, approvals[-1], status=ApprovalStatus.WAIVED)
    services.settle_approval(u, approvals[-1], status=ApprovalStatus.WAIVED, waiver_reason="既有厂房改造,无需施工许可")
    with pytest.raises(Refused) as refused:
        services.transition(u, project, services.START, when=date(2025, 7, 1))
    assert refused.value.reasons == ["前期手续未办结：环评（办结或写明理由免办后才能开工转入在建库）"]
    services.settle_approval(u, approvals[-2], status=ApprovalStatus.DONE, done_date=date(2025, 7, 1),
                             document="环评批复")
    services.transition(u, project, services.START, when=date(2025, 7, 1))
    assert Project.objects.get(pk=project.pk).stage == Stage.CONSTRUCTION


@time_machine.travel(NOW)
def test_approval_done_needs_a_date_not_in_the_future_and_its_document(world, project):
    u = world.users.a_data
    services.transition(u, project, services.PREPARE)
    approval = project.approvals.first()
    with pytest.raises(Refused) as refused:
        services.settle_approval(u, approval, status=ApprovalStatus.DONE, done_date=date(2025, 8, 1))
    assert refused.value.reasons == ["办结须填写批复文件(文号或文件名)", "办结日期2025-08-01在今天之后，"
                                                          "不能填写将来的日期"]
    assert ProjectApproval.objects.get(pk=approval.pk).status == ApprovalStatus.PENDING


@time_machine.travel(NOW)
def test_no_actual_start_in_the_future_and_no_completion_before_the_start(world, project):
    u = world.users.a_data
    prepare(world, project)
    with pytest.raises(Refused, match="实际开工2025-07-11在今天之后"):
        services.transition(u, project, services.START, when=date(2025, 7, 11))
    services.transition(u, project, services.START, when=date(2025, 5, 1))
    with pytest.raises(Refused, match="竣工日期2025-04-30早于实际开工2025-05-01"):
        services.transition(u, project, services.COMPLETE, when=date(2025, 4, 30))
    assert Project.objects.get(pk=project.pk).stage == Stage.CONSTRUCTION


@time_machine.travel(NOW)
def test_every_move_needs_its_date_and_is_recorded_with_history(world, project):
    u = world.users.a_data
    prepare(world, project)
    with pytest.raises(Refused, match="须填写实际开工"):
        services.transition(u, project, services.START)
    services.transition(u, project, services.START, when=date(2025, 4, 1))
    with pytest.raises(Refused, match="不能“投用”"):
        services.transition(u, project, services.USE, when=date(2025, 5, 1))
    services.transition(u, project, services.COMPLETE, when=date(2025, 6, 1))
    services.transition(u, project, services.USE, when=date(2025, 7, 1))
    p = Project.objects.get(pk=project.pk)
    assert (p.stage, p.actual_start, p.completed_on, p.in_use_on, p.version) == (
        Stage.IN_USE, date(2025, 4, 1), date(2025, 6, 1), date(2025, 7, 1), 5)
    assert [s.to_state for s in p.steps.order_by("id")] == ["reserve", "ready", "construction", "completed", "in_use"]
    assert p.history.count() == 5


@time_machine.travel(NOW)
def test_termination_needs_a_reason_and_is_final(world, project):
    with pytest.raises(Refused, match="须填写说明"):
        services.transition(world.users.a_data, project, services.TERMINATE)
    services.transition(world.users.a_data, project, services.TERMINATE, text="规划调整,项目取消")
    p = Project.objects.get(pk=project.pk)
    assert p.stage == Stage.TERMINATED and p.termination_reason == "规划调整,项目取消"
    with pytest.raises(Refused):
        services.transition(world.users.a_data, p, services.PREPARE)


@time_machine.travel(NOW)
def test_stale_move_is_refused_with_the_newer_project(world, project):
    services.transition(world.users.a_data, project, services.TERMINATE, text="取消", expected_version=1)
    with pytest.raises(ConflictError):
        services.transition(world.users.a_data, project, services.TERMINATE, text="取消", expected_version=1)


@time_machine.travel(NOW)
def test_lag_missing_report_and_overdue_approval_alerts_say_why(world, project):
    services.transition(world.users.a_data, project, services.PREPARE)
    approval = project.approvals.first()
    approval.due_date = date(2025, 6, 30)
    approval.save()
    assert [a.message for a in alerts(project)] == ["“立项”应于2025-06-30办结，已逾期10天"]
    settle_all(world, project)
    services.transition(world.users.a_data, project, services.START, when=date(2025, 2, 1))
    services.record_report(world.users.a_unit, project, year=2025, month=5, month_investment="1", cumulative="3")
    messages = [a.message for a in alerts(Project.objects.get(pk=project.pk))]
    # On 10 July the figures run to June (50% of the year): 3 of 12 = 25% done is 25 points behind;
    # and June's report is missing after the 5th.
    assert messages == ["投资完成率25%，落后时间进度25个百分点", "6月进度未按时报送(每月5日前)"]


@time_machine.travel(NOW)
def test_monthly_report_revision_needs_a_reason_and_cumulative_never_falls(world, project):
    u = world.users.a_unit
    services.record_report(u, project, year=2025, month=5, month_investment="1", cumulative="3")
    with pytest.raises(Refused, match="累计值不会减少"):
        services.record_report(u, project, year=2025, month=6, month_investment="0.5", cumulative="2")
    with pytest.raises(Refused, match="重新提交须填写修订原因"):
        services.record_report(u, project, year=2025, month=5, month_investment="1.2", cumulative="3.2")
    report = services.record_report(u, project, year=2025, month=5, month_investment="1.2", cumulative="3.2",
                                    reason="财务核对")
    assert report.version == 2 and report.history.count() == 2
    with pytest.raises(Refused, match="尚未到来"):
        services.record_report(u, project, year=2025, month=8, month_investment="1", cumulative="5")
    with pytest.raises(PermissionDenied):
        services.record_report(world.users.b_data, project, year=2025, month=6, month_investment="1", cumulative="4")


@time_machine.travel(NOW)
def test_rollup_arithmetic_board_and_the_plan_sentence(world, project):
    other = services.create_project(world.users.a_data, organisation=world.a, code="HJ-2025-002", name="花园口城市更新",
                                    category=ProjectCategory.objects.get(name="城市更新"), total_investment="79",
                                    plan_year=2025, year_plan="8", construction="continuing")
    services.record_report(world.users.a_data, project, year=2025, month=6, month_investment="2", cumulative="6")
    services.record_report(world.users.a_data, other, year=2025, month=6, month_investment="1", cumulative="2")
    r = rollup(world.users.a_leader, world.a, 2025, by="category", month=6)
    total = r["rows"][-1]
    assert (total.count, total.total, total.plan, total.completed, total.rate) == (
        2, Decimal("169.84"), Decimal(20), Decimal(8), Decimal("40.0"))
    assert (total.new, total.continuing) == (1, 1) and r["time_pct"] == Decimal("50.0")
    from luoshi.projects.models import CategoryPlan

    CategoryPlan.objects.create(organisation=world.a, year=2025, category=project.category, floor=Decimal(18))
    assert plan_sentence(world.users.a_leader, world.a, 2025) == (
        "全年共谋划重点项目2个，总投资169.84亿元，力争完成投资20亿元。城市更新领域2个项目，确保完成投资18亿元以上。")
    reserve = board(world.users.a_leader, world.a)[0]
    assert (reserve["count"], reserve["total"]) == (2, Decimal("169.84"))
    assert board(world.users.b_leader, world.b)[0]["count"] == 0


@time_machine.travel(NOW)
def test_wage_warnings_for_arrears_and_missing_months(world, project):
    prepare(world, project)
    services.transition(world.users.a_data, project, services.START, when=date(2025, 2, 1))
    assert [w.message for w in wage_warnings(world.users.a_data, world.a, 2025, 6)] == ["2025年6月工资发放未报送"]
    services.record_wages(world.users.a_unit, project, year=2025, month=6, payroll_due="120", paid="95", workers=80)
    assert [w.message for w in wage_warnings(world.users.a_data, world.a, 2025, 6)] == [
        "6月应发120万元，实发95万元，欠发25万元（80人）"]


@time_machine.travel(NOW)
def test_district_b_cannot_see_or_move_district_a_projects(world, project):
    assert not Project.objects.for_user(world.users.b_data).filter(pk=project.pk).exists()
    with pytest.raises(PermissionDenied):
        services.transition(world.users.b_data, project, services.TERMINATE, text="x")
    with pytest.raises(PermissionDenied):
        services.transition(world.users.a_leader, project, services.TERMINATE, text="x")


@time_machine.travel(NOW)
def test_a_started_investment_project_enters_the_pipeline_without_retyping(world):
    from luoshi.investment import services as invest

    lead = invest.create_lead(world.users.a_data, organisation=world.a, name="华牧生物科技产业园", investor="华牧",
                              lead_date=date(2025, 1, 5))
    invest.transition(world.users.a_data, lead, invest.SIGN, when=date(2025, 2, 1), amount="25")
    started = invest.transition(world.users.a_data, lead, invest.START, when=date(2025, 3, 1))
    project = Project.objects.get(pk=started.pipeline_project_id)
    assert (project.name, project.total_investment, project.stage, project.actual_start) == (
        "华牧生物科技产业园", Decimal(25), Stage.CONSTRUCTION, date(2025, 3, 1))


@time_machine.travel("2025-11-24 10:00 +0800")
def test_demo_reproduces_zhongyuan_plan_sentence_from_the_seed(world, django_user_model):
    from luoshi.projects.demo import load

    django_user_model.objects.create_superuser("admin", password="demo-pass-2025-x")
    assert load() > 356 - 1 and load() == 0
    text = plan_sentence(world.users.b_leader, world.b, 2025)
    assert text.startswith("全年共谋划重点项目356个，总投资2409.2亿元，力争完成投资335.3亿元。")
    for line in ("产业转型领域83个项目，确保完成投资112亿元以上", "绿色低碳领域10个项目，确保完成投资2.7亿元以上",
                 "民生和社会事业领域60个项目，确保完成投资22亿元以上",
                 "棚户区改造领域72个项目，确保完成投资138亿元以上",
                 "基础设施领域131个项目，确保完成投资53亿元以上"):
        assert line in text
    gx = Project.objects.get(name="古荥城市更新")
    assert gx.total_investment == Decimal("90.84") and gx.source == "000_fe62a0247c95cbc5.txt" and not gx.is_synthetic


@time_machine.travel(NOW)
def test_one_screen_shows_the_four_libraries_and_lagging_projects(client, world, project):
    from django.urls import reverse

    services.transition(world.users.a_data, project, services.PREPARE)
    approval = project.approvals.first()
    approval.due_date = date(2025, 6, 30)
    approval.save()
    client.force_login(world.users.a_leader)
    page = client.get(reverse("dashboard:screen", args=[world.a.pk]), {"year": 2025}).content.decode()
    assert "重点项目四库" in page and "“立项”应于2025-06-30办结，已逾期10天" in page


def test_accepting_a_project_read_from_a_report_puts_it_in_the_reserve_with_its_source(world):
    from luoshi.ingestion import services as reading
    from luoshi.ingestion.models import Finding, Kind

    doc, _created = reading.read_document(world.users.a_data, title="惠济区委经济工作会议",
                                          text="惠济区全力推进总投资90.84亿元的古荥城市更新项目。")
    finding = Finding.objects.get(document=doc, kind=Kind.PROJECT)
    project = reading.accept_finding(world.users.a_data, finding)
    assert (project.name, project.total_investment, project.stage) == (
        "古荥城市更新项目", Decimal("90.84"), Stage.RESERVE)
    assert project.source.startswith("惠济区委经济工作会议[") and project.organisation == world.a


@time_machine.travel(NOW)
def test_rollup_computes_start_completion_and_reserve_conversion_rates(world, project):
    city = ProjectCategory.objects.get(name="城市更新")

    def add(code, actual_start=None, completed_on=None, **planned):
        made = services.create_project(world.users.a_data, organisation=world.a, code=code, name=code, category=city,
                                       total_investment="10", plan_year=2025, year_plan="1", **planned)
        Project.objects.filter(pk=made.pk).update(actual_start=actual_start, completed_on=completed_on)

    Project.objects.filter(pk=project.pk).update(planned_start=date(2025, 3, 1), actual_start=date(2025, 3, 15),
                                                 planned_finish=date(2025, 12, 31))
    add("P2", planned_start=date(2025, 5, 1))                                     # planned, not started
    add("P3", planned_start=date(2024, 5, 1), planned_finish=date(2025, 5, 31), completed_on=date(2025, 5, 20))
    add("P4", planned_start=date(2026, 3, 1), actual_start=date(2025, 6, 1))      # reserve, started early
    add("P5", planned_start=date(2026, 3, 1))                                     # reserve, waiting
    add("P6", planned_start=date(2025, 7, 1), actual_start=date(2025, 7, 2))      # after June: not yet counted
    total = rollup(world.users.a_leader, world.a, 2025)["rows"][-1]
    # as of the end of June: 1 of 3 planned starts (古荥), 1 of 2 planned completions (P3), 1 of 2 reserve (P4)
    assert (total.to_start, total.started, total.start_rate) == (3, 1, Decimal("33.3"))
    assert (total.to_finish, total.finished, total.finish_rate) == (2, 1, Decimal("50.0"))
    assert (total.reserve, total.converted, total.conversion_rate) == (2, 1, Decimal("50.0"))
    assert rollup(world.users.a_leader, world.a, 2025)["month"] == 6


def test_figures_run_to_the_previous_month_and_january_claims_no_lag(world, project):
    from luoshi.projects.selectors import reported_month

    assert reported_month(date(2025, 7, 10)) == 6 and reported_month(date(2025, 1, 20)) == 0
    with time_machine.travel("2025-01-20 10:00 +0800"):
        Project.objects.filter(pk=project.pk).update(stage=Stage.CONSTRUCTION, plan_year=2025)
        assert [a.kind for a in alerts(Project.objects.get(pk=project.pk))] == ["no_report"]


@time_machine.travel(NOW)
def test_a_long_reason_for_a_revision_is_kept_whole_in_the_history(world, project):
    reason = "财务核对后更正:" + "三月份的设备款已于四月支付,原报数重复计入," * 12
    services.record_report(world.users.a_unit, project, year=2025, month=5, month_investment="1", cumulative="3")
    services.record_report(world.users.a_unit, project, year=2025, month=5, month_investment="0.8",
                           cumulative="2.8", reason=reason)
    assert len(reason) > 200
    assert project.reports.get().history.first().history_change_reason == reason


@time_machine.travel("2025-11-24 10:00 +0800")
def test_demo_districts_keep_leaders_units_dates_approvals_and_late_milestones(world, django_user_model):
    from luoshi.organisations.models import Profile, Role
    from luoshi.projects import funding, renewal
    from luoshi.projects.demo import complete, load
    from luoshi.projects.models import Milestone, ProjectApproval
    from luoshi.projects.selectors import late_milestones, my_projects
    from tests.conftest import make_user

    django_user_model.objects.create_superuser("admin", password="demo-pass-2025-x")
    leader = make_user("zhongyuan_leader", Role.DISTRICT_LEADER, world.b)
    load()
    assert complete() >= 356 and complete() == 0
    mine = Project.objects.filter(organisation=world.b)
    assert not mine.filter(leader__isnull=True).exists() and not mine.filter(responsible_unit__isnull=True).exists()
    assert not mine.filter(planned_start__isnull=True).exists()
    assert not mine.filter(planned_finish__isnull=True).exists()
    started = mine.filter(stage__in=[Stage.CONSTRUCTION, Stage.COMPLETED])
    assert not started.filter(approvals__isnull=True).exists()
    assert ProjectApproval.objects.filter(project__in=started, status=ApprovalStatus.WAIVED).exists()
    assert not ProjectApproval.objects.filter(project__in=started, status=ApprovalStatus.PENDING).exists()
    late = list(late_milestones(mine, date(2025, 11, 24)))
    assert 1 <= len(late) <= 6 and Milestone.objects.filter(title="3月底前实质性开工").exists()
    total = rollup(world.users.b_leader, world.b, 2025)["rows"][-1]
    assert None not in (total.start_rate, total.finish_rate, total.conversion_rate)
    assert my_projects(leader).exists()
    assert Profile.objects.filter(role=Role.DISTRICT_LEADER, source="合成",
                                  display_name__in=["高志远", "林晓梅"]).count() == 2
    tree = renewal.tree(world.users.b_leader, world.b, 2025)
    assert tree["sentence"].startswith("3大片区8个单元72个项目")
    assert funding.summary(world.users.b_leader, world.b)["sentence"].startswith("录入国家重大项目库储备项目")
