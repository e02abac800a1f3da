"""年度建库: the project list exported, edited in Excel and imported back — existing codes update with the
row's reason, rows without a code create projects in 储备库, all or nothing with every error placed."""
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.projects import listfile, renewal, services
from luoshi.projects.models import Project, Stage
from tests.projects.conftest import NOW


def _exported(client, world):
    client.force_login(world.users.a_data)
    return load_workbook(io.BytesIO(client.get(reverse("projects:export_list", args=[world.a.pk])).content))


def _upload(wb, name="清单.xlsx"):
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def _header(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[3]}


def _row_of(ws, code) -> int:
    col = _header(ws)["项目编号"]
    return next(r for r in range(4, ws.max_row + 1) if ws.cell(r, col).value == code)


def _edited(client, world, code="HJ-2025-001", **cells):
    """The exported list with the project's row changed (cells by header): (workbook, headers, row)."""
    wb = _exported(client, world)
    h, r = _header(wb.active), _row_of(wb.active, code)
    for header, value in cells.items():
        wb.active.cell(r, h[header]).value = value
    return wb, h, r


@pytest.fixture
def listed(world, project):
    with time_machine.travel(NOW):
        unit = renewal.add_unit(world.users.a_data, renewal.add_area(world.users.a_data, world.a, "古荥片区"),
                                "老街单元")
        services.update_project(world.users.a_data, project, reason="入库", renewal=unit, location="古荥镇",
                                planned_start="2025-09-01", in_national_library=True, funding_demand="20",
                                funding_channel="special_bond")
        services.create_project(world.users.a_data, organisation=world.a, code="HJ-2025-002", name="凯旋路初级中学",
                                category="民生和社会事业", total_investment="3.2", plan_year=2025, year_plan="1")
        return Project.objects.get(pk=project.pk)


@time_machine.travel(NOW)
def test_export_edit_import_round_trips_updating_with_a_reason_and_creating_new_rows(client, world, listed):
    unchanged = listfile.import_list(world.users.a_data, world.a, _upload(_exported(client, world)))
    assert (unchanged.errors, unchanged.created, unchanged.revised) == ([], 0, 0)
    wb = _exported(client, world)
    ws = wb.active
    h = _header(ws)
    r = _row_of(ws, "HJ-2025-001")
    ws.cell(r, h["分包领导"]).value = "a_leader"
    ws.cell(r, h["级别"]).value = "市重点"
    ws.cell(r, h["修改原因"]).value = "2025年建库调整"
    new = ws.max_row + 1
    for column, value in {"项目名称": "花园口城市更新", "类别": "城市更新", "责任单位": "古荥镇", "计划年度": 2025,
                          "总投资(亿元)": 79, "年度计划投资(亿元)": 9.5, "级别": "区重点", "建设性质": "新开工",
                          "城市更新单元": "古荥片区·老街单元", "计划开工": "2025-10-01"}.items():
        ws.cell(new, h[column]).value = value
    result = listfile.import_list(world.users.a_data, world.a, _upload(wb))
    assert (result.errors, result.created, result.revised) == ([], 1, 1)
    gx = Project.objects.get(code="HJ-2025-001")
    assert (gx.leader, gx.level, gx.renewal.name, gx.funding_demand, gx.location) == (
        world.users.a_leader, "city", "老街单元", Decimal(20), "古荥镇")
    change = gx.history.first()
    assert (change.history_change_reason, change.history_type, change.history_user, change.version,
            change.level) == ("2025年建库调整", "~", world.users.a_data, gx.version, "city")
    made = Project.objects.get(name="花园口城市更新")
    assert (made.code, made.stage, made.responsible_unit, made.total_investment, made.year_plan) == (
        "HJ-2025-003", Stage.RESERVE, world.a_unit, Decimal(79), Decimal("9.5"))
    # written in bulk, each new project still has its history and its first step
    first = made.history.get()
    assert (first.history_type, first.history_user, first.history_change_reason, first.code,
            first.planned_start) == ("+", world.users.a_data, "年度建库导入", "HJ-2025-003", date(2025, 10, 1))
    assert [(s.action, s.to_state, s.actor) for s in made.steps.all()] == [("create", Stage.RESERVE,
                                                                         world.users.a_data)]
    assert Project.objects.get(code="HJ-2025-002").version == 1


@time_machine.travel(NOW)
def test_a_list_with_errors_saves_nothing_and_names_every_row_column_and_reason(client, world, listed):
    wb = _exported(client, world)
    ws = wb.active
    h = _header(ws)
    r = _row_of(ws, "HJ-2025-001")
    ws.cell(r, h["总投资(亿元)"]).value = 95  # changed without a reason
    rows = {"须水街道": ws.max_row + 1, "abc": ws.max_row + 2, "ZY-1": ws.max_row + 3}
    base = {"项目名称": "新项目", "类别": "基础设施", "计划年度": 2025, "总投资(亿元)": 10, "年度计划投资(亿元)": 1,
            "级别": "区重点", "建设性质": "新开工"}
    for column, value in {**base, "责任单位": "须水街道"}.items():
        ws.cell(rows["须水街道"], h[column]).value = value
    for column, value in {**base, "总投资(亿元)": "abc", "计划年度": 1999}.items():
        ws.cell(rows["abc"], h[column]).value = value
    for column, value in {**base, "项目编号": "ZY-1"}.items():
        ws.cell(rows["ZY-1"], h[column]).value = value
    services.create_project(world.users.b_data, organisation=world.b, code="ZY-1", name="中原项目", category="基础设施",
                            total_investment="1", plan_year=2025, year_plan="0")
    result = listfile.import_list(world.users.a_data, world.a, _upload(wb))
    found = [(e.sheet, e.row, e.column, e.message) for e in result.errors]
    assert found == [
        ("项目清单", r, "Z(修改原因)", "修改已有项目须填写修改原因"),
        ("项目清单", rows["须水街道"], "E(责任单位)", "责任单位：“须水街道”不是惠济区的单位"),
        ("项目清单", rows["abc"], "K(计划年度)", "计划年度:必须在2000—2100年之间(收到1999)"),
        ("项目清单", rows["abc"], "M(总投资(亿元))", "总投资(亿元):“abc”不是数字"),
        ("项目清单", rows["ZY-1"], "C(项目编号)", "项目编号“ZY-1”已被其他区使用")]
    assert (result.created, result.revised) == (0, 0)
    assert Project.objects.filter(organisation=world.a).count() == 2
    assert Project.objects.get(code="HJ-2025-001").total_investment == Decimal("90.84")


@time_machine.travel(NOW)
def test_the_import_page_is_for_the_districts_planning_staff_only(client, world, listed):
    wb = _exported(client, world)
    url = reverse("projects:import", args=[world.a.pk])
    page = client.post(url, {"file": _upload(wb)}, headers={"HX-Request": "true"}).content.decode()
    assert "已保存:新建项目0个(纳入储备库),更新项目0个。" in page
    refused = client.post(url, {"file": SimpleUploadedFile("x.xlsx", b"name,code\n")}).content.decode()
    assert "文件不是Excel工作簿(.xlsx)" in refused
    client.force_login(world.users.a_leader)
    assert client.get(url).status_code == 403
    client.force_login(world.users.b_data)
    assert client.post(url, {"file": _upload(wb)}).status_code == 404


@time_machine.travel(NOW)
def test_a_planned_start_in_the_year_1_is_refused_naming_row_and_column(client, world, listed):
    wb, _h, r = _edited(client, world, **{"计划开工": "0001-09-01", "修改原因": "改期"})
    result = listfile.import_list(world.users.a_data, world.a, _upload(wb))
    assert [(e.row, e.message) for e in result.errors] == [
        (r, "计划开工:日期须在2000-01-01至2100-12-31之间（收到“0001-09-01”）")]
    assert Project.objects.get(code="HJ-2025-001").planned_start.isoformat() == "2025-09-01"


@time_machine.travel(NOW)
def test_a_project_changed_after_the_export_is_refused_not_overwritten(client, world, listed):
    change = {"总投资(亿元)": 95, "修改原因": "建库调整"}
    wb, h, r = _edited(client, world, **change)
    ws = wb.active
    exported_at = ws.cell(r, h["版本"]).value
    project = Project.objects.get(code="HJ-2025-001")
    assert exported_at == project.version
    services.update_project(world.users.a_data, project, reason="市里核减", total_investment="88")  # meanwhile
    result = listfile.import_list(world.users.a_data, world.a, _upload(wb))
    stale = f"该项目在导出后已被修改（文件为第{exported_at}版，现为第{exported_at + 1}版），请重新导出后再改"
    assert [(e.row, e.column, e.message) for e in result.errors] == [(r, "AA(版本)", stale)]
    assert Project.objects.get(code="HJ-2025-001").total_investment == Decimal(88)
    ws.cell(r, h["版本"]).value = None
    without = listfile.import_list(world.users.a_data, world.a, _upload(wb))
    assert [e.message for e in without.errors] == ["修改已有项目须保留导出文件中的版本，请重新导出后再改"]
    again = listfile.import_list(world.users.a_data, world.a, _upload(_edited(client, world, **change)[0]))
    assert (again.errors, again.revised) == ([], 1)
    assert Project.objects.get(code="HJ-2025-001").total_investment == Decimal(95)


@time_machine.travel(NOW)
def test_a_project_saved_while_the_file_is_checked_is_refused_at_saving(client, world, listed, monkeypatch):
    wb, _h, r = _edited(client, world, **{"级别": "市重点", "修改原因": "建库调整"})
    checked = listfile._Reader.check

    def someone_saves_meanwhile(self, plans, errors):
        Project.objects.filter(code="HJ-2025-001").update(version=99, location="另一人刚改的地点")
        return checked(self, plans, errors)

    monkeypatch.setattr(listfile._Reader, "check", someone_saves_meanwhile)
    result = listfile.import_list(world.users.a_data, world.a, _upload(wb))
    assert [(e.row, e.column) for e in result.errors] == [(r, "AA(版本)")]
    assert "现为第99版" in result.errors[0].message
    assert Project.objects.get(code="HJ-2025-001").location == "另一人刚改的地点"
