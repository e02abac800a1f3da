"""Who sees which visit and report, unannounced-visit reports and their findings, and the monthly report."""
import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from luoshi.core.workflow import Refused
from luoshi.inspections import selectors, services
from luoshi.inspections.models import PlannedVisit, UnannouncedVisitReport, VisitCategory, VisitState
from tests.inspections.conftest import IN_WINDOW, OUTSIDE


@pytest.fixture
def visits(world, more, clock, plan):
    d = world.users.a_discipline
    approved = services.transition(d, plan(VisitCategory.OTHER, IN_WINDOW), services.APPROVE, text="同意")
    refused = services.transition(d, plan(VisitCategory.OTHER, date(2025, 3, 12)), services.REFUSE, text="不同意")
    pending = plan(VisitCategory.OTHER, date(2025, 3, 14))
    exempt = plan(VisitCategory.FOOD_DRUG, date(2025, 3, 5))
    outside = plan(VisitCategory.OTHER, OUTSIDE, user=more.dept2_staff, department=more.dept2,
                   enterprises=[more.a_ent2])
    b_visit = services.file_visit(more.b_unit_staff, department=world.b_unit, enterprises=[world.b_ent],
                                  date=IN_WINDOW, visit_type="inspection", category="work_safety",
                                  legal_basis="安全生产法")
    return dict(approved=approved, refused=refused, pending=pending, exempt=exempt, outside=outside, b=b_visit)


def ids(qs):
    return sorted(v.pk for v in qs)


def test_enterprise_a_sees_only_the_visits_announced_on_it(world, more, visits):
    assert ids(selectors.visit_list(world.users.a_enterprise)) == ids([visits["approved"], visits["exempt"]])
    assert ids(selectors.visit_list(more.a_ent2_user)) == ids([visits["outside"]])
    for key in ("b", "outside", "pending", "refused"):
        with pytest.raises(PlannedVisit.DoesNotExist):
            selectors.visit_detail(world.users.a_enterprise, visits[key].pk)


def test_enterprise_b_cannot_see_enterprise_a_visits(world, more, visits):
    assert ids(selectors.visit_list(more.b_enterprise)) == ids([visits["b"]])
    with pytest.raises(PlannedVisit.DoesNotExist):
        selectors.visit_detail(more.b_enterprise, visits["approved"].pk)


def test_a_department_sees_its_own_visits_and_the_district_sees_all(world, more, visits):
    a_all = ids([visits[k] for k in ("approved", "refused", "pending", "exempt", "outside")])
    assert ids(selectors.visit_list(more.dept2_staff)) == ids([visits["outside"]])
    assert len(selectors.visit_list(world.users.a_unit)) == 4
    assert ids(selectors.visit_list(world.users.a_discipline)) == a_all
    assert ids(selectors.visit_list(world.users.a_leader)) == a_all
    assert ids(selectors.visit_list(more.b_discipline)) == ids([visits["b"]])
    assert ids(selectors.pending_approvals(world.users.a_discipline)) == ids([visits["pending"]])
    assert list(selectors.pending_approvals(more.b_discipline)) == []


def test_an_unannounced_visit_report_goes_to_the_discipline_commission_which_records_a_finding(world, more, visits):
    report = services.report_unannounced(world.users.a_enterprise, visit_date=date(2025, 3, 3), department=more.dept2,
                                         description="统计局两人到厂调研,未出示报备")
    assert (report.enterprise, report.district, report.state, report.matched_visit) == (
        world.a_ent, world.a, UnannouncedVisitReport.State.SUBMITTED, None)
    assert world.users.a_discipline.notifications.filter(text__startswith="企业举报未报备检查").exists()
    assert not more.b_discipline.notifications.exists()
    with pytest.raises(PermissionDenied, match="只有本区纪检监察工委可以核查举报"):
        services.record_finding(more.b_discipline, report, result="confirmed", finding="x")
    with pytest.raises(Refused) as refused:
        services.record_finding(world.users.a_discipline, report, result="", finding="")
    assert refused.value.reasons == ["请选择核查结论", "请填写核查情况"]
    report = services.record_finding(world.users.a_discipline, report, result="confirmed",
                                     finding="属实,已约谈统计局分管负责人")
    assert (report.state, report.finding_result, report.handled_by) == (
        UnannouncedVisitReport.State.HANDLED, "confirmed", world.users.a_discipline)
    assert world.users.a_enterprise.notifications.filter(text__contains="已核查：属实").exists()
    with pytest.raises(Refused) as refused:
        services.record_finding(world.users.a_discipline, report, result="unfounded", finding="再核")
    assert refused.value.reasons == ["该举报已核查"]


def test_a_report_names_the_filed_visit_of_that_day_if_there_is_one(world, visits, clock):
    clock.move_to("2025-03-06 10:00 +0800")
    report = services.report_unannounced(world.users.a_enterprise, visit_date=date(2025, 3, 5),
                                         department=world.a_unit, description="食药检查未提前告知")
    assert report.matched_visit == visits["exempt"]


def test_only_the_enterprise_reports_and_only_the_commission_and_the_enterprise_read_reports(world, more, visits):
    with pytest.raises(PermissionDenied, match="只有企业本身可以举报未报备的检查"):
        services.report_unannounced(world.users.a_unit, visit_date=date(2025, 3, 3), enterprise=world.a_ent,
                                    department_name="某局", description="x")
    with pytest.raises(Refused) as refused:
        services.report_unannounced(world.users.a_enterprise, visit_date=date(2025, 3, 9), description="")
    assert refused.value.reasons == ["请说明情况(哪个部门、做了什么)", "请选择或填写涉及的部门", "检查日期不能晚于今天"]
    report = services.report_unannounced(world.users.a_enterprise, visit_date=date(2025, 3, 1),
                                         department_name="某执法大队", description="未出示证件")
    assert list(selectors.report_list(world.users.a_discipline)) == [report]
    assert list(selectors.report_list(world.users.a_enterprise)) == [report]
    for user in (more.a_ent2_user, world.users.a_unit, more.dept2_staff, world.users.a_data, more.b_discipline):
        assert list(selectors.report_list(user)) == []


def test_monthly_report_counts_per_department_window_decisions_reports_and_findings(world, more, visits, clock):
    report = services.report_unannounced(world.users.a_enterprise, visit_date=date(2025, 3, 3), department=more.dept2,
                                         description="未报备调研")
    services.record_finding(world.users.a_discipline, report, result="partly", finding="部分属实")
    services.report_unannounced(world.users.a_enterprise, visit_date=date(2025, 3, 2), department_name="某执法大队",
                                description="未出示证件")
    clock.move_to("2025-03-10 17:00 +0800")
    services.transition(world.users.a_unit, visits["approved"], services.COMPLETE, text="调研完成")
    monthly = selectors.monthly_report(world.users.a_discipline, world.a, 2025, 3)
    cells = [(r.label, r.visits, r.in_window, r.outside_window, r.exempt, r.approved, r.refused, r.pending, r.done,
              r.cancelled, r.reports, r.confirmed) for r in [*monthly.rows, monthly.total]]
    assert cells == [
        ("古荥镇", 4, 4, 0, 1, 1, 1, 1, 1, 0, 0, 0),
        ("统计局", 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1),
        ("某执法大队", 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0),
        ("合计", 5, 4, 1, 1, 1, 1, 1, 1, 0, 2, 1),
    ]
    assert monthly.window == (1, 25)
    # Departments' staff see their own visits in the report, never the reports against them.
    assert selectors.monthly_report(more.dept2_staff, world.a, 2025, 3).total.reports == 0
    wb = load_workbook(io.BytesIO(selectors.export_monthly_report(world.users.a_discipline, world.a, 2025, 3)))
    rows = list(wb["宁静日月报"].iter_rows(values_only=True))
    assert rows[0][:3] == ("部门", "走访总数", "宁静日期间") and rows[4][:2] == ("合计", 5)
    assert "宁静日：1日—25日" in rows[-1][0]
    assert [r[2] for r in wb["举报与核查"].iter_rows(min_row=2, values_only=True)] == ["某执法大队", "统计局"]


def test_visit_list_filters_by_month_state_and_department(world, more, visits):
    assert ids(selectors.visit_list(world.users.a_discipline, year=2025, month=3, state=VisitState.REFUSED)) == \
        ids([visits["refused"]])
    assert ids(selectors.visit_list(world.users.a_discipline, department=more.dept2)) == ids([visits["outside"]])
    assert selectors.visit_list(world.users.a_discipline, year=2025, month=4).count() == 0
