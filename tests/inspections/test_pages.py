"""The quiet-day pages: a department files a visit and is told at once whether it needs approval, the
discipline commission approves or refuses and checks enterprises' reports, an enterprise sees the visits
announced on it (on a phone) and reports the ones that were not, and the district counts the month.
Every read is scoped (404 outside), role pages are 403 for other roles, and a refused move shows its
reasons with nothing changed."""
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.inspections import services
from luoshi.inspections.models import PlannedVisit, UnannouncedVisitReport, VisitCategory, VisitState
from tests.inspections.conftest import IN_WINDOW, OUTSIDE


def as_user(client, user):
    client.force_login(user)
    return client


def detail(visit):
    return reverse("inspections:detail", args=[visit.pk])


def post_move(client, visit, action, text=""):
    visit.refresh_from_db()
    return client.post(detail(visit), {"action": action, "version": visit.version, "text": text})


def body(response) -> str:
    return response.content.decode()


def file_form(world, **kw):
    data = {"enterprises": [world.a_ent.pk], "date": IN_WINDOW.isoformat(), "visit_type": "survey",
            "category": "other", "legal_basis": "《统计法》第七条", "purpose": "规上企业统计数据质量调研"}
    data.update(kw)
    return data


# --- filing and approval -------------------------------------------------------------------------

def test_the_filing_page_says_at_once_whether_approval_is_needed(client, world, more, clock):
    c = as_user(client, world.users.a_unit)
    page = body(c.get(reverse("inspections:new")))
    assert "本区宁静日:每月1日—25日" in page and 'hx-get="%s"' % reverse("inspections:verdict") in page
    assert "三全食品股份有限公司" in page and "中原某企业" not in page  # only the district's enterprises
    for value, label in [("inspection", "检查"), ("survey", "调研"), ("visit", "走访"), ("tour", "观摩")]:
        assert f'value="{value}">{label}' in page
    assert "食品药品安全" in page and "上级部署的检查调研" in page

    verdict = body(c.get(reverse("inspections:verdict"), {"date": "2025-03-10", "category": "other"}))
    assert "2025-03-10在宁静日期间" in verdict and "须事先报区纪检监察工委审批" in verdict and "须审批" in verdict
    verdict = body(c.get(reverse("inspections:verdict"), {"date": "2025-03-10", "category": "work_safety"}))
    assert "属于宁静日豁免情形" in verdict and "无需审批" in verdict
    verdict = body(c.get(reverse("inspections:verdict"), {"date": "2025-03-28", "category": "other"}))
    assert "2025-03-28不在宁静日期间" in verdict and "无需审批" in verdict


def test_a_non_exempt_visit_in_the_window_needs_approval_before_it_can_be_marked_done(client, world, clock):
    unit, discipline = world.users.a_unit, world.users.a_discipline
    c = as_user(client, unit)
    response = c.post(reverse("inspections:new"), file_form(world))
    visit = PlannedVisit.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(visit)
    assert (visit.state, visit.in_window, visit.department) == (VisitState.PENDING, True, world.a_unit)

    page = body(c.get(detail(visit)))
    assert "宁静日期间，非豁免事项须事先报区纪检监察工委审批" in page and "未经批准不得实施" in page
    assert 'value="complete"' not in page and 'value="cancel"' in page
    clock.move_to("2025-03-10 10:00 +0800")
    refused = post_move(c, visit, services.COMPLETE, "已调研")
    assert refused.status_code == 200 and 'role="alert"' in body(refused)
    assert "当前状态为“待审批”，不能“标记完成”" in body(refused)
    visit.refresh_from_db()
    assert visit.state == VisitState.PENDING and visit.steps.count() == 2
    clock.move_to("2025-03-03 10:00 +0800")

    d = as_user(client, discipline)
    queue = body(d.get(reverse("inspections:queue")))
    assert detail(visit) in queue and "待审批1件" in queue
    page = body(d.get(detail(visit)))
    assert 'value="approve"' in page and 'value="refuse"' in page and 'value="complete"' not in page
    assert post_move(d, visit, services.APPROVE, "同意,不超过半天").status_code == 302
    visit.refresh_from_db()
    assert visit.state == VisitState.APPROVED and visit.decided_by == discipline
    assert detail(visit) not in body(d.get(reverse("inspections:queue")))

    c = as_user(client, unit)
    assert "同意,不超过半天" in body(c.get(detail(visit)))
    early = post_move(c, visit, services.COMPLETE)
    assert "走访日期2025-03-10未到，不能标记完成" in body(early)
    clock.move_to("2025-03-10 16:00 +0800")
    assert 'value="complete"' in body(c.get(detail(visit)))
    assert post_move(c, visit, services.COMPLETE, "调研完成").status_code == 302
    visit.refresh_from_db()
    assert (visit.state, visit.outcome) == (VisitState.DONE, "调研完成")
    history = body(c.get(detail(visit)))
    for words in ("报备", "提交审批", "批准", "标记完成", "调研完成"):
        assert words in history


def test_a_refusal_needs_a_reason_and_a_refused_visit_cannot_be_done(client, world, clock, plan):
    visit = plan(VisitCategory.OTHER, date(2025, 3, 3))
    d = as_user(client, world.users.a_discipline)
    response = post_move(d, visit, services.REFUSE, "")
    assert response.status_code == 200 and "“驳回”须填写说明" in body(response)
    visit.refresh_from_db()
    assert visit.state == VisitState.PENDING
    assert post_move(d, visit, services.REFUSE, "非必要,请改为线上提交").status_code == 302
    c = as_user(client, world.users.a_unit)
    page = body(c.get(detail(visit)))
    assert "非必要,请改为线上提交" in page and "已驳回" in page and 'name="action"' not in page
    refused = post_move(c, visit, services.COMPLETE)
    assert "当前状态为“已驳回”，不能“标记完成”" in body(refused)
    visit.refresh_from_db()
    assert visit.state == VisitState.REFUSED


def test_an_exempt_category_is_allowed_directly(client, world, clock):
    c = as_user(client, world.users.a_unit)
    response = c.post(reverse("inspections:new"), file_form(world, category="work_safety", visit_type="inspection",
                                                           date="2025-03-03", legal_basis="《安全生产法》"))
    visit = PlannedVisit.objects.get()
    assert response.status_code == 302 and visit.state == VisitState.FILED and visit.in_window
    page = body(c.get(detail(visit)))
    assert "属于宁静日豁免情形（安全生产）" in page and 'value="complete"' in page and 'value="submit"' not in page
    assert post_move(c, visit, services.COMPLETE, "检查完成").status_code == 302
    visit.refresh_from_db()
    assert visit.state == VisitState.DONE


def test_a_refused_filing_shows_the_reasons_and_saves_nothing(client, world, more, clock):
    c = as_user(client, world.users.a_unit)
    late = c.post(reverse("inspections:new"), file_form(world, date="2025-03-02"))
    assert late.status_code == 200 and "不能补报" in body(late) and 'role="alert"' in body(late)
    foreign = c.post(reverse("inspections:new"), file_form(world, enterprises=[world.b_ent.pk]))
    assert foreign.status_code == 200 and 'role="alert"' in body(foreign)
    assert not PlannedVisit.objects.exists()


def test_the_department_and_the_district_lists(client, world, more, clock, plan):
    ours = plan(VisitCategory.OTHER, IN_WINDOW)
    theirs = plan(VisitCategory.OTHER, OUTSIDE, user=more.dept2_staff, department=more.dept2,
                  enterprises=[more.a_ent2])
    page = body(as_user(client, world.users.a_unit).get(reverse("inspections:list"), {"year": 2025}))
    assert detail(ours) in page and detail(theirs) not in page and reverse("inspections:new") in page
    page = body(as_user(client, world.users.a_leader).get(reverse("inspections:list"), {"year": 2025}))
    assert detail(ours) in page and detail(theirs) in page and reverse("inspections:new") not in page
    pending = body(client.get(reverse("inspections:list"), {"year": 2025, "month": 3, "state": "filed"}))
    assert detail(theirs) in pending and detail(ours) not in pending
    assert detail(ours) not in body(client.get(reverse("inspections:list"), {"year": 2025, "month": 4}))
    assert detail(ours) not in body(as_user(client, world.users.b_data).get(reverse("inspections:list"),
                                                                          {"year": 2025}))
    assert as_user(client, more.dept2_staff).get(detail(ours)).status_code == 404


# --- the enterprise ------------------------------------------------------------------------------

def test_enterprise_a_sees_only_the_visits_announced_on_it(client, world, more, clock, plan):
    approved = services.transition(world.users.a_discipline, plan(VisitCategory.OTHER, IN_WINDOW),
                                   services.APPROVE, text="同意")
    pending = plan(VisitCategory.OTHER, date(2025, 3, 14), purpose="尚待审批的调研")
    other = plan(VisitCategory.FOOD_DRUG, date(2025, 3, 5), enterprises=[more.a_ent2])
    b_visit = services.file_visit(more.b_unit_staff, department=world.b_unit, enterprises=[world.b_ent],
                                  date=IN_WINDOW, visit_type="inspection", category="work_safety", legal_basis="法")
    c = as_user(client, world.users.a_enterprise)
    page = body(c.get(reverse("inspections:announced")))
    assert detail(approved) in page and detail(pending) not in page and detail(other) not in page
    assert "宁静日:每月1日—25日" in page and reverse("inspections:report_new") in page
    assert c.get(detail(approved)).status_code == 200
    for hidden in (pending, other, b_visit):
        assert c.get(detail(hidden)).status_code == 404
        assert post_move(c, hidden, services.CANCEL, "x").status_code == 404
    b = as_user(client, more.b_enterprise)
    assert detail(b_visit) in body(b.get(reverse("inspections:announced")))
    assert b.get(detail(approved)).status_code == 404
    # the enterprise sees the visit, not the filer's and approver's names, and may not act on it
    page = body(as_user(client, world.users.a_enterprise).get(detail(approved)))
    assert 'name="action"' not in page and "a_discipline" not in page
    refused = post_move(client, approved, services.CANCEL, "不想被检查")
    assert refused.status_code == 403 and "只有古荥镇的工作人员可以“取消”" in body(refused)
    approved.refresh_from_db()
    assert approved.state == VisitState.APPROVED


def test_an_enterprise_reports_an_unannounced_visit_and_the_commission_records_a_finding(client, world, more,
                                                                                       clock):
    e = as_user(client, world.users.a_enterprise)
    form = body(e.get(reverse("inspections:report_new")))
    assert "统计局" in form and "须水街道" not in form
    empty = e.post(reverse("inspections:report_new"), {"visit_date": "2025-03-03", "description": ""})
    assert empty.status_code == 200 and "请说明情况" in body(empty) and "请选择或填写涉及的部门" in body(empty)
    response = e.post(reverse("inspections:report_new"), {
        "visit_date": "2025-03-03", "department": more.dept2.pk, "description": "统计局两人到厂调研,未出示报备"})
    report = UnannouncedVisitReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("inspections:report", args=[report.pk])
    assert reverse("inspections:report", args=[report.pk]) in body(e.get(reverse("inspections:announced")))

    for outsider in (more.dept2_staff, world.users.a_unit, world.users.a_leader, more.b_discipline,
                     more.a_ent2_user):
        assert as_user(client, outsider).get(reverse("inspections:report", args=[report.pk])).status_code == 404

    d = as_user(client, world.users.a_discipline)
    queue = body(d.get(reverse("inspections:queue")))
    assert "待核查举报1件" in queue and "统计局两人到厂调研" in queue
    url = reverse("inspections:report", args=[report.pk])
    missing = d.post(url, {"result": "", "finding": ""})
    assert missing.status_code == 200 and "请选择核查结论" in body(missing) and "请填写核查情况" in body(missing)
    assert d.post(url, {"result": "confirmed", "finding": "属实,已约谈统计局分管负责人"}).status_code == 302
    report.refresh_from_db()
    assert (report.state, report.finding_result) == (UnannouncedVisitReport.State.HANDLED, "confirmed")
    page = body(as_user(client, world.users.a_enterprise).get(url))
    assert "属实,已约谈统计局分管负责人" in page and 'name="result"' not in page
    refused = client.post(url, {"result": "unfounded", "finding": "企业自己改结论"})
    assert refused.status_code == 403 and "只有本区纪检监察工委可以核查举报" in body(refused)
    report.refresh_from_db()
    assert report.finding_result == "confirmed"


# --- the monthly report --------------------------------------------------------------------------

@pytest.fixture
def march(world, more, clock, plan):
    d = world.users.a_discipline
    services.transition(d, plan(VisitCategory.OTHER, IN_WINDOW), services.APPROVE, text="同意")
    services.transition(d, plan(VisitCategory.OTHER, date(2025, 3, 12)), services.REFUSE, text="不同意")
    plan(VisitCategory.OTHER, date(2025, 3, 14))
    plan(VisitCategory.FOOD_DRUG, date(2025, 3, 5))
    plan(VisitCategory.OTHER, OUTSIDE, user=more.dept2_staff, department=more.dept2, enterprises=[more.a_ent2])
    report = services.report_unannounced(world.users.a_enterprise, visit_date=date(2025, 3, 3),
                                         department=more.dept2, description="未出示报备")
    services.record_finding(d, report, result="confirmed", finding="属实")


def test_monthly_report_page_and_excel_export(client, world, more, march):
    url = reverse("inspections:monthly", args=[world.a.pk])
    page = body(as_user(client, world.users.a_discipline).get(url, {"year": 2025, "month": 3}))
    assert "惠济区 2025年3月企业宁静日情况" in page and "古荥镇" in page and "统计局" in page
    total = page[page.index("<td>合计</td>"):].split("</tr>")[0]
    cells = [c.split("<")[0] for c in total.split('<td class="num">')[1:]]
    # visits, in, outside, exempt, approved, refused, pending, done, cancelled, reports, confirmed
    assert cells == ["5", "4", "1", "1", "1", "1", "1", "0", "0", "1", "1"]
    assert "未出示报备" in page

    leader = body(as_user(client, world.users.a_leader).get(url, {"year": 2025, "month": 3}))
    assert "举报属实" not in leader and "未出示报备" not in leader  # reports are the commission's only

    response = as_user(client, world.users.a_discipline).get(
        reverse("inspections:monthly_export", args=[world.a.pk]), {"year": 2025, "month": 3})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["宁静日月报", "举报与核查"]
    rows = list(wb["宁静日月报"].iter_rows(values_only=True))
    assert [r for r in rows if r[0] == "合计"][0][1:12] == (5, 4, 1, 1, 1, 1, 1, 0, 0, 1, 1)
    assert [r for r in rows if r[0] == "古荥镇"][0][1:3] == (4, 4)
    assert len(list(wb["举报与核查"].iter_rows(values_only=True))) == 2
    for outsider in (world.users.b_data, world.users.a_unit, world.users.a_enterprise):
        c = as_user(client, outsider)
        assert c.get(url).status_code == 404
        assert c.get(reverse("inspections:monthly_export", args=[world.a.pk])).status_code == 404


# --- access by role ------------------------------------------------------------------------------

def test_pages_of_one_role_are_forbidden_to_the_others(client, world, more, clock):
    u = world.users
    pages = {"inspections:new": {u.a_unit}, "inspections:verdict": {u.a_unit},
             "inspections:queue": {u.a_discipline}, "inspections:announced": {u.a_enterprise},
             "inspections:report_new": {u.a_enterprise}}
    everyone = [u.city_admin, u.a_leader, u.a_data, u.a_unit, u.a_enterprise, u.a_discipline]
    for name, allowed in pages.items():
        for user in everyone:
            got = as_user(client, user).get(reverse(name)).status_code
            assert got == (200 if user in allowed else 403), (name, user.username, got)
    assert as_user(client, u.a_leader).post(reverse("inspections:new"), file_form(world)).status_code == 403
    assert not PlannedVisit.objects.exists()
    client.logout()
    assert client.get(reverse("inspections:list")).status_code == 302


def test_index_sends_each_role_to_its_page(client, world):
    expect = {world.users.a_enterprise: "inspections:announced", world.users.a_unit: "inspections:list",
              world.users.a_leader: "inspections:list", world.users.a_discipline: "inspections:queue"}
    for user, name in expect.items():
        assert as_user(client, user).get(reverse("inspections:index"))["Location"] == reverse(name)
    assert as_user(client, world.users.a_enterprise).get(reverse("inspections:list"))["Location"] == reverse(
        "inspections:announced")


def test_the_navigation_and_the_one_screen_link_to_the_pages(client, world, clock, plan):
    plan(VisitCategory.OTHER, IN_WINDOW)
    c = as_user(client, world.users.a_leader)
    page = body(c.get(reverse("dashboard:screen", args=[world.a.pk]), {"year": 2025}))
    assert f'href="{reverse("inspections:index")}"' in page
    # 待审批 counts waiting visits of any date, so its list is of every year
    assert reverse("inspections:list") + f"?district={world.a.pk}&amp;year=&amp;state=pending" in page
    assert reverse("inspections:monthly", args=[world.a.pk]) in page
