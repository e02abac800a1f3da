"""What a responsible unit and a 发改委 do with files and pages: the monthly report template and upload
(all or nothing, errors by row and column), the filtered list and the roll-up exported in the layout sent
upward, and the entry forms and audit trail of the project page."""
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.projects import excel, services
from luoshi.projects.models import ApprovalStatus, MonthlyReport, Project, ProjectCategory, Stage, WageRecord
from tests.conftest import xlsx_upload
from tests.projects.conftest import NOW, start

HEADER = ["项目编号", "项目名称", "年度", "月份", "本月完成投资(亿元)", "年内累计完成(亿元)", "进展情况", "修订原因"]


def workbook(rows, header=HEADER, sheet="月度进度"):
    return xlsx_upload({sheet: (header, rows)}, "reports.xlsx")


@pytest.fixture
def building(world, project):
    with time_machine.travel(NOW):
        return start(world, project)


@pytest.fixture
def b_project(world):
    services.ensure_lists()
    with time_machine.travel(NOW):
        return services.create_project(world.users.b_data, organisation=world.b, code="ZY-2025-001",
                                       name="须水棚户区改造(四期)",
                                       category=ProjectCategory.objects.get(name="棚户区改造"), total_investment="30",
                                       plan_year=2025, year_plan="5")


@time_machine.travel(NOW)
def test_unit_downloads_its_template_fills_it_and_every_row_is_saved_with_history(world, building):
    template = load_workbook(io.BytesIO(excel.report_template(world.users.a_unit)))
    rows = list(template["月度进度"].iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER)
    assert rows[1][:4] == ("HJ-2025-001", "古荥城市更新", 2025, 6)
    ws = template["月度进度"]
    ws["E2"], ws["F2"], ws["G2"] = 1.25, 6.5, "主体结构施工"
    ws.append(["HJ-2025-001", "古荥城市更新", 2025, 5, 2, 5.25, "", ""])
    out = io.BytesIO()
    template.save(out)
    result = excel.import_reports(world.users.a_unit, SimpleUploadedFile("t.xlsx", out.getvalue()))
    assert result.errors == [] and (result.created, result.revised) == (2, 0)
    june = MonthlyReport.objects.get(project=building, year=2025, month=6)
    assert (june.month_investment, june.cumulative, june.note) == (Decimal("1.25"), Decimal("6.5"), "主体结构施工")
    assert june.history.first().history_user == world.users.a_unit


@time_machine.travel(NOW)
def test_a_file_with_bad_rows_saves_nothing_and_names_each_row_column_and_reason(world, building, b_project):
    services.record_report(world.users.a_unit, building, year=2025, month=4, month_investment="1", cumulative="4")
    upload = workbook([
        ["HJ-2025-001", "", 2025, 5, 1, 5, "", ""],          # good on its own
        ["ZY-2025-001", "", 2025, 5, 1, 1, "", ""],          # district B's project
        ["HJ-2025-001", "", 2025, 6, "一点五", 6, "", ""],     # not a number
        ["HJ-2025-001", "", 2025, 3, 0.5, 3.5, "", ""],      # fine: March is before April
        ["HJ-2025-001", "", 2025, 7, 0.5, 4.8, "", ""],      # below May's 5 in the same file
        ["HJ-2025-001", "", 2025, 5, 1, 5, "", ""],          # the same month twice
        ["HJ-2025-001", "", 2025, 13, 1, 9, "", ""],         # no such month
    ])
    result = excel.import_reports(world.users.a_unit, upload)
    found = [(e.row, e.column, e.message) for e in result.errors]
    assert (3, "A(项目编号)", "未知项目编号或无权填报：“ZY-2025-001”") in found
    assert (4, "E(本月完成投资(亿元))", "“一点五”不是数字") in found
    assert (6, "F(年内累计完成(亿元))", "年内累计4.8亿元小于5月的5亿元，累计值不会减少") in found
    assert (7, "D(月份)", "与第2行重复(同一项目、年度、月份)") in found
    assert (8, "D(月份)", "应为1至12(收到13)") in found
    assert not any(e.row == 5 for e in result.errors)
    assert (result.created, result.revised) == (0, 0)
    assert list(MonthlyReport.objects.filter(project=building).values_list("month", flat=True)) == [4]


@time_machine.travel(NOW)
def test_revising_a_reported_month_by_excel_needs_a_reason_and_keeps_the_old_figure(world, building):
    services.record_report(world.users.a_unit, building, year=2025, month=5, month_investment="1", cumulative="5")
    result = excel.import_reports(world.users.a_unit, workbook([["HJ-2025-001", "", 2025, 5, 1.5, 5.5, "", ""],
                                                                 ["HJ-2025-001", "", 2025, 6, 1, 6.5, "", ""]]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "H(修订原因)")]
    assert "重新提交须填写修订原因" in result.errors[0].message
    assert MonthlyReport.objects.filter(project=building).count() == 1  # June was rolled back too
    result = excel.import_reports(world.users.a_unit, workbook([["HJ-2025-001", "", 2025, 5, 1.5, 5.5, "", "财务核对"],
                                                                 ["HJ-2025-001", "", 2025, 6, 1, 6.5, "", ""]]))
    assert result.errors == [] and (result.created, result.revised) == (1, 1)
    may = MonthlyReport.objects.get(project=building, month=5)
    assert may.cumulative == Decimal("5.5") and may.history.first().history_change_reason == "财务核对"
    assert may.history.last().cumulative == Decimal(5)


@time_machine.travel(NOW)
def test_wrong_files_are_refused_in_plain_words(world, building):
    assert excel.import_reports(world.users.a_unit, SimpleUploadedFile("x.xlsx", b"not excel")).errors[0].message \
        == "文件不是Excel工作簿(.xlsx)"
    missing = excel.import_reports(world.users.a_unit, workbook([], sheet="Sheet1")).errors
    assert missing[0].message == "文件中没有“月度进度”工作表(请使用下载的模板)"
    no_column = excel.import_reports(world.users.a_unit, workbook([["HJ-2025-001"]], header=["项目编号"])).errors
    assert {e.column for e in no_column} == {"年度", "月份", "本月完成投资(亿元)", "年内累计完成(亿元)"}


@time_machine.travel(NOW)
def test_upload_page_reports_errors_and_success_and_refuses_read_only_roles(client, world, building):
    client.force_login(world.users.a_unit)
    assert client.get(reverse("projects:upload")).status_code == 200
    page = client.post(reverse("projects:upload"), {"file": workbook([["HJ-2025-001", "", 2025, 6, 2, 1, "", ""]])},
                       HTTP_HX_REQUEST="true")
    shown = page.content.decode()
    assert "发现1处错误，文件中的数据全部未保存" in shown and "F(年内累计完成(亿元))" in shown
    page = client.post(reverse("projects:upload"), {"file": workbook([["HJ-2025-001", "", 2025, 6, 1, 1, "", ""]])})
    assert "已保存:新增月报1条,修订月报0条。" in page.content.decode()
    template = client.get(reverse("projects:report_template"))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(world.users.a_leader)
    assert client.get(reverse("projects:upload")).status_code == 403


@time_machine.travel(NOW)
def test_list_filters_by_stage_category_and_text_and_other_districts_are_404(client, world, building, b_project):
    other = services.create_project(world.users.a_data, organisation=world.a, code="HJ-2025-002", name="凯旋路初级中学",
                                    category=ProjectCategory.objects.get(name="民生和社会事业"),
                                    total_investment="3.2", plan_year=2025, year_plan="1")
    client.force_login(world.users.a_leader)
    url = reverse("projects:list", args=[world.a.pk])

    def names(**query):
        page = client.get(url, query)
        return [p.name for p, _done in page.context["rows"]]

    assert names() == ["凯旋路初级中学", "古荥城市更新"] or names() == ["古荥城市更新", "凯旋路初级中学"]
    assert names(stage=Stage.CONSTRUCTION) == ["古荥城市更新"]
    assert names(category=other.category.pk) == ["凯旋路初级中学"]
    assert names(q="初级") == ["凯旋路初级中学"]
    assert names(stage="nonsense") != []  # an unknown value is ignored, not an error
    assert client.get(url).context["choices"]["unit"] == [(world.a_unit.pk, "古荥镇")]  # the units its projects name
    assert client.get(reverse("projects:list", args=[world.b.pk])).status_code == 404
    assert client.get(reverse("projects:export_list", args=[world.b.pk])).status_code == 404


@time_machine.travel(NOW)
def test_list_export_is_the_table_a_fgw_sends_upward(client, world, building):
    services.create_project(world.users.a_data, organisation=world.a, code="HJ-2025-002", name="凯旋路初级中学",
                            category=ProjectCategory.objects.get(name="民生和社会事业"), total_investment="3.2",
                            plan_year=2025, year_plan="1")
    services.record_report(world.users.a_unit, building, year=2025, month=6, month_investment="2", cumulative="6",
                           note="主体施工")
    client.force_login(world.users.a_leader)
    response = client.get(reverse("projects:export_list", args=[world.a.pk]))
    assert "attachment" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "惠济区2025年重点项目推进情况表"
    assert "数据截至：2025年6月" in rows[1][0]
    assert rows[2][:3] == ("序号", "项目名称", "项目编号") and rows[2][14] == "1—6月累计完成投资(亿元)"
    assert rows[3][1:2] == ("合计(2个)",) and rows[3][12:16] == (94.04, 13, 6, 46.2)
    # categories in the catalogue's order, each numbered 一、二、… with its projects numbered from 1
    assert rows[4][1] == "一、民生和社会事业(1个)" and rows[5][:2] == (1, "凯旋路初级中学")
    assert rows[6][1] == "二、城市更新(1个)" and rows[6][12:16] == (90.84, 12, 6, 50)
    assert rows[7][:3] == (1, "古荥城市更新", "HJ-2025-001") and rows[7][23:25] == ("在建库", "主体施工")
    only_building = client.get(reverse("projects:export_list", args=[world.a.pk]), {"stage": "construction"})
    assert load_workbook(io.BytesIO(only_building.content)).active["B4"].value == "合计(1个)"


@time_machine.travel(NOW)
def test_rollup_export_puts_the_total_first_with_the_gap_to_time(client, world, building):
    services.record_report(world.users.a_unit, building, year=2025, month=6, month_investment="2", cumulative="6")
    client.force_login(world.users.a_leader)
    response = client.get(reverse("projects:export_rollup", args=[world.a.pk]), {"year": 2025, "by": "category"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "惠济区2025年重点项目完成情况汇总表" and rows[2][1] == "类别"
    assert rows[3][1:11] == ("合计", 1, 0, 1, 90.84, 12, 6, 50, 50, 0)
    # no planned start or finish this year; started without a planned date: a reserve project started early
    assert rows[2][11:] == ("计划开工(个)", "已开工(个)", "开工率(%)", "计划竣工(个)", "已竣工(个)", "竣工率(%)",
                            "储备项目(个)", "提前开工(个)", "储备项目转化率(%)")
    assert rows[3][11:] == (0, 0, None, 0, 0, None, 1, 1, 100)
    assert rows[4][1] == "城市更新"
    page = client.get(reverse("projects:rollup", args=[world.a.pk]), {"year": 2025})
    assert page.context["chart"]["completed"] == ["6"] and "超过时间进度0个百分点" in page.content.decode()


@time_machine.travel(NOW)
def test_unit_reports_a_month_and_wages_on_the_project_page_and_refusals_are_shown(client, world, building):
    client.force_login(world.users.a_unit)
    url = reverse("projects:project", args=[building.pk])
    page = client.post(url, {"form": "report", "year": 2025, "month": 6, "month_investment": "2", "cumulative": "1"})
    assert page.status_code == 200 and "年内累计1亿元小于本月2亿元" in page.content.decode()
    assert not MonthlyReport.objects.filter(project=building).exists()
    assert client.post(url, {"form": "report", "year": 2025, "month": 6, "month_investment": "2",
                             "cumulative": "6", "note": "主体封顶"}).status_code == 302
    assert client.post(url, {"form": "wages", "year": 2025, "month": 6, "payroll_due": "120", "paid": "95",
                             "workers": 80}).status_code == 302
    page = client.post(url, {"form": "wages", "year": 2025, "month": 6, "payroll_due": "120", "paid": "120",
                             "workers": 80, "version": 1})
    assert "修改须填写原因" in page.content.decode() and WageRecord.objects.get().paid == Decimal(95)
    client.post(url, {"form": "wages", "year": 2025, "month": 6, "payroll_due": "120", "paid": "120", "workers": 80,
                      "reason": "补发到位", "version": 1})
    page = client.get(url)
    assert page.context["chart"]["cumulative"][5] == "6" and page.context["chart"]["plan"][5] == "6"
    audit = [(e.what, e.who, e.reason) for e in page.context["audit"]]
    who = "a_unit（惠济区古荥镇）"  # by name and post (the world's people are named by their logins)
    assert ("2025年6月工资", who, "补发到位") in audit and ("2025年6月进度", who, "首次填报") in audit
    assert client.post(url, {"form": "move", "action": "complete", "when": "2025-07-01"}).status_code == 403


@time_machine.travel(NOW)
def test_planning_staff_settle_and_waive_approvals_on_the_page_and_move_the_project(client, world, project):
    client.force_login(world.users.a_data)
    url = reverse("projects:project", args=[project.pk])
    assert client.post(url, {"form": "move", "action": "prepare", "version": 1}).status_code == 302
    approvals = list(project.approvals.select_related("kind"))
    page = client.post(url, {"form": "approval", "approval": approvals[0].pk, "status": "waived", "version": 1})
    assert "免办须写明理由" in page.content.decode()
    page = client.post(url, {"form": "approval", "approval": approvals[0].pk, "status": "done",
                             "done_date": "2025-06-01",
                             "version": 1})
    assert "办结须填写批复文件(文号或文件名)" in page.content.decode()
    for a in approvals[:-1]:
        assert client.post(url, {"form": "approval", "approval": a.pk, "status": "done", "done_date": "2025-06-01",
                                 "document": "郑惠发改〔2025〕3号", "version": a.version}).status_code == 302
    page = client.post(url, {"form": "move", "action": "start", "when": "2025-07-01", "version": 2})
    assert "前期手续未办结：施工许可" in page.content.decode()
    client.post(url, {"form": "approval", "approval": approvals[-1].pk, "status": "waived",
                      "waiver_reason": "既有厂房改造", "version": approvals[-1].version})
    assert client.post(url, {"form": "move", "action": "start", "when": "2025-07-01", "version": 2}).status_code == 302
    assert Project.objects.get(pk=project.pk).stage == Stage.CONSTRUCTION
    assert approvals[-1].__class__.objects.get(pk=approvals[-1].pk).status == ApprovalStatus.WAIVED
    page = client.get(url)
    assert [s.action for s in page.context["steps"]] == ["纳入储备库", "转入拟开工库", "开工，转入在建库"]
    assert any(e.what == "施工许可" and e.reason == "既有厂房改造" for e in page.context["audit"])
    assert "郑惠发改〔2025〕3号" in page.content.decode()
    client.force_login(world.users.b_data)
    foreign = client.post(url, {"form": "approval", "approval": approvals[0].pk, "status": "done",
                                "done_date": "2025-06-01", "document": "x"})
    assert foreign.status_code == 404


@time_machine.travel(NOW)
def test_leaders_read_the_project_page_but_cannot_report_or_settle(client, world, building):
    client.force_login(world.users.a_leader)
    url = reverse("projects:project", args=[building.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'id="report-form"' not in page.content.decode()
    assert client.post(url, {"form": "report", "year": 2025, "month": 6, "month_investment": "1",
                             "cumulative": "1"}).status_code == 403
    assert date(2025, 2, 1) == Project.objects.get(pk=building.pk).actual_start


@time_machine.travel(NOW)
def test_import_command_saves_a_good_file_and_refuses_a_bad_one_naming_the_row(world, building, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(workbook([["HJ-2025-001", "", 2025, 6, 1, 6, "", ""]]).read())
    bad.write_bytes(workbook([["HJ-2025-001", "", 2025, 7, "x", 7, "", ""]]).read())
    call_command("import_project_reports", str(good), user="a_unit", verbosity=0)
    assert MonthlyReport.objects.filter(project=building).count() == 1
    with pytest.raises(CommandError, match="发现1处错误，文件中的数据全部未保存"):
        call_command("import_project_reports", str(bad), user="a_unit", verbosity=0)
    assert "第2行 E(本月完成投资(亿元))：“x”不是数字" in capsys.readouterr().err
    assert MonthlyReport.objects.filter(project=building).count() == 1


@time_machine.travel(NOW)
def test_labour_department_sees_the_months_wages_with_warnings_first_and_exports_them(client, world, building):
    other = services.create_project(world.users.a_data, organisation=world.a, code="HJ-2025-002", name="凯旋路初级中学",
                                    category=ProjectCategory.objects.get(name="民生和社会事业"),
                                    total_investment="3.2", plan_year=2025, year_plan="1",
                                    responsible_unit=world.a_unit)
    start(world, other)
    services.record_wages(world.users.a_unit, building, year=2025, month=6, payroll_due="120", paid="120", workers=80)
    client.force_login(world.users.a_leader)
    page = client.get(reverse("projects:wages", args=[world.a.pk]))
    lines = page.context["lines"]
    assert [(line.project.name, line.message) for line in lines] == [
        ("凯旋路初级中学", "2025年6月工资发放未报送"), ("古荥城市更新", "")]
    assert page.context["warned"] == 1
    services.record_wages(world.users.a_unit, other, year=2025, month=6, payroll_due="50", paid="30.5", workers=40)
    response = client.get(reverse("projects:export_wages", args=[world.a.pk]), {"year": 2025, "month": 6})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "惠济区在建项目农民工工资支付情况表" and rows[1][0].startswith("2025年6月")
    assert rows[3] == (1, "HJ-2025-001", "古荥城市更新", "古荥镇", 120, 120, 0, 80, None)  # paid in full: no warning
    assert rows[4][4:9] == (50, 30.5, 19.5, 40, "6月应发50万元，实发30.5万元，欠发19.5万元（40人）")
    client.force_login(world.users.b_leader)
    assert client.get(reverse("projects:wages", args=[world.a.pk])).status_code == 404


def test_the_roll_up_opens_on_the_latest_plan_year_until_this_years_pipeline_is_entered(client, world, project):
    client.force_login(world.users.a_leader)
    with time_machine.travel("2026-01-15 10:00 +0800"):
        page = client.get(reverse("projects:rollup", args=[world.a.pk]))
        assert page.context["year"] == 2025 and page.context["rows"][-1].count == 1
        assert "90.84亿元" in page.content.decode()
        assert client.get(reverse("projects:rollup", args=[world.a.pk]), {"year": 2026}).context["rows"][-1].count == 0
