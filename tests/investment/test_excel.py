"""The investment ledger in Excel: the template lists the district's projects by 编号; an upload adds new
leads and corrects existing ones (a change needs a 修订原因), all or nothing with errors by sheet, row and
column; the ledger exports with a title row as filtered on the page; the import_investment command."""
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.investment import excel, services
from luoshi.investment.models import ChainLink, IndustryChain, InvestmentProject, Segment
from tests.conftest import xlsx_upload

NOW = "2025-07-01 10:00 +0800"
HEADER = ["编号", "项目名称", "投资方", "投资额(亿元)", "年度计划投资(亿元)", "行业", "产业链", "产业链环节",
          "招商方式", "责任单位", "分包领导",
          "线索日期", "来源", "修订原因"]


def workbook(rows, header=HEADER, sheet="招商项目"):
    return xlsx_upload({sheet: (header, rows)}, "investment.xlsx")


@pytest.fixture
def ledger(world):
    food = IndustryChain.objects.create(organisation=world.a, name="食品")
    world.sauce = ChainLink.objects.create(chain=food, segment=Segment.MIDSTREAM, name="调味品")
    rail = IndustryChain.objects.create(organisation=world.b, name="轨道交通")
    ChainLink.objects.create(chain=rail, segment=Segment.MIDSTREAM, name="装备")
    with time_machine.travel(NOW):
        world.lead = services.create_lead(world.users.a_data, organisation=world.a, name="调味品产业园",
                                          investor="某调味品集团", lead_date=date(2025, 2, 1), amount="12")
        world.signed = services.create_lead(world.users.a_data, organisation=world.a, name="协鑫储能",
                                            investor="协鑫集团", lead_date=date(2025, 1, 5), method="by_business")
        services.transition(world.users.a_data, world.signed, services.SIGN, when=date(2025, 3, 1), amount="300")
        world.b_lead = services.create_lead(world.users.b_data, organisation=world.b, name="轨道装备",
                                            investor="中车", lead_date=date(2025, 2, 1))
    return world


@time_machine.travel(NOW)
def test_template_lists_the_projects_then_new_leads_and_corrections_are_saved_with_history(ledger):
    wb = load_workbook(io.BytesIO(excel.template(ledger.users.a_data, ledger.a)))
    ws = wb["招商项目"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER)
    assert [r[0] for r in rows[1:]] == [ledger.signed.pk, ledger.lead.pk]
    assert rows[2][1:4] == ("调味品产业园", "某调味品集团", 12) and rows[2][11] == datetime(2025, 2, 1)
    assert ("食品", "调味品") in {r[:2] for r in wb["可选值"].iter_rows(values_only=True)}
    ws["D3"], ws["E3"], ws["G3"], ws["H3"], ws["J3"], ws["N3"] = 15, 6, "食品", "调味品", "古荥镇", "追加投资"
    ws.append([None, "冷链物流园", "某物流集团", 8.5, None, "物流", "", "", "以商招商", "惠济区", "王某", "2025/6/18",
               "", ""])
    out = io.BytesIO()
    wb.save(out)
    result = excel.import_ledger(ledger.users.a_data, ledger.a, SimpleUploadedFile("t.xlsx", out.getvalue()))
    assert result.errors == [] and (result.created, result.revised, result.unchanged) == (1, 1, 1)
    lead = InvestmentProject.objects.get(pk=ledger.lead.pk)
    assert (lead.amount, lead.year_plan, lead.chain_link, lead.responsible_unit, lead.version) == (
        Decimal("15"), Decimal("6"), ledger.sauce, ledger.a_unit, 2)
    assert lead.history.order_by("-history_id").first().history_change_reason == "追加投资"
    new = InvestmentProject.objects.get(name="冷链物流园")
    assert (new.amount, new.method, new.lead_date, new.responsible_unit, new.state) == (
        Decimal("8.5"), "by_business", date(2025, 6, 18), ledger.a, "lead")
    assert new.steps.get().action == "lead"


@time_machine.travel(NOW)
def test_a_file_with_bad_rows_saves_nothing_and_names_each_row_column_and_reason(ledger):
    upload = workbook([
        [None, "好的新线索", "某集团", 5, None, "", "", "", "", "", "", date(2025, 5, 1), "", ""],   # good on its own
        [ledger.b_lead.pk, "轨道装备", "中车", None, None, "", "", "", "", "", "", date(2025, 2, 1), "",
         "x"],  # district B
        [None, "金额有误", "某集团", "三亿", None, "", "", "", "", "", "", date(2025, 5, 1), "", ""],
        [None, "", "某集团", 1, None, "", "", "", "", "", "", date(2025, 5, 1), "", ""],
        [None, "外区环节", "某集团", 1, None, "", "轨道交通", "装备", "", "", "", date(2025, 5, 1), "", ""],
        [None, "方式有误", "某集团", 1, None, "", "", "", "网上招商", "须水街道", "", "五月", "", ""],
        [None, "负数", "某集团", -1, None, "", "", "", "", "", "", date(2025, 5, 1), "", ""],
        [ledger.lead.pk, "调味品产业园", "某调味品集团", 12, None, "", "", "", "", "", "", date(2025, 2, 1), "", ""],
        [ledger.lead.pk, "调味品产业园", "某调味品集团", 12, None, "", "", "", "", "", "", date(2025, 2, 1), "", ""],
    ])
    result = excel.import_ledger(ledger.users.a_data, ledger.a, upload)
    found = {(e.sheet, e.row, e.column, e.message) for e in result.errors}
    assert ("招商项目", 3, "A(编号)", f"未知编号或无权修改：“{ledger.b_lead.pk}”（新线索请留空）") in found
    assert ("招商项目", 4, "D(投资额(亿元))", "“三亿”不是数字") in found
    assert ("招商项目", 5, "B(项目名称)", "必须填写") in found
    assert ("招商项目", 6, "G(产业链)", "本区没有“轨道交通·装备”这一产业链环节(见“可选值”)") in found
    assert ("招商项目", 7, "I(招商方式)", "未知的招商方式“网上招商”(见“可选值”)") in found
    assert ("招商项目", 7, "J(责任单位)", "本区没有“须水街道”这一单位(见“可选值”)") in found
    assert ("招商项目", 7, "L(线索日期)", "“五月”不是日期（格式：2025-03-31）") in found
    assert ("招商项目", 8, "D(投资额(亿元))", "投资额(亿元):不能为负数(收到“-1”)") in found
    assert ("招商项目", 10, "A(编号)", "与第9行重复(同一编号)") in found
    assert not any(e.row == 2 for e in result.errors)
    assert result.created == 0 and not InvestmentProject.objects.filter(name="好的新线索").exists()


@time_machine.travel(NOW)
def test_a_revision_without_a_reason_is_refused_and_nothing_is_saved(ledger):
    upload = workbook([
        [None, "新线索", "某集团", 5, None, "", "", "", "", "", "", date(2025, 5, 1), "", ""],
        [ledger.lead.pk, "调味品产业园", "某调味品集团", 20, None, "", "", "", "", "", "", date(2025, 2, 1), "", ""],
        [ledger.signed.pk, "协鑫储能", "协鑫集团", None, None, "", "", "", "以商招商", "", "", date(2025, 1, 5), "",
         "清空"],
    ])
    result = excel.import_ledger(ledger.users.a_data, ledger.a, upload)
    found = {(e.row, e.column, e.message) for e in result.errors}
    assert found == {(3, "N(修订原因)", "修改已登记的招商项目须填写修订原因"),
                     (4, "D(投资额(亿元))", "已签约的项目须填写投资额(亿元)")}
    assert InvestmentProject.objects.get(pk=ledger.lead.pk).amount == Decimal("12")
    assert not InvestmentProject.objects.filter(name="新线索").exists()


@time_machine.travel(NOW)
def test_wrong_files_are_refused_with_the_reason(ledger):
    result = excel.import_ledger(ledger.users.a_data, ledger.a, SimpleUploadedFile("x.xlsx", b"hello"))
    assert result.errors[0].message == "文件不是Excel工作簿(.xlsx)"
    result = excel.import_ledger(ledger.users.a_data, ledger.a, workbook([], sheet="Sheet1"))
    assert "没有“招商项目”工作表" in result.errors[0].message
    result = excel.import_ledger(ledger.users.a_data, ledger.a, workbook([["x"]], header=["编号", "项目名称"]))
    assert {e.column for e in result.errors} == {"投资方", "线索日期"}


@time_machine.travel(NOW)
def test_upload_page_answers_htmx_with_the_errors_or_the_counts_and_refuses_read_only_roles(client, ledger):
    client.force_login(ledger.users.a_leader)
    assert client.get(reverse("investment:upload", args=[ledger.a.pk])).status_code == 403
    assert client.get(reverse("investment:template", args=[ledger.a.pk])).status_code == 403
    client.force_login(ledger.users.a_data)
    page = client.get(reverse("investment:upload", args=[ledger.a.pk])).content.decode()
    assert 'id="upload-progress"' in page and "<progress" in page and reverse("investment:template",
                                                                              args=[ledger.a.pk]) in page
    bad = workbook([[None, "", "某集团", 1, None, "", "", "", "", "", "", date(2025, 5, 1), "", ""]])
    response = client.post(reverse("investment:upload", args=[ledger.a.pk]), {"file": bad}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "B(项目名称)" in body and "全部未保存" in body
    good = workbook([[None, "新线索", "某集团", 1, None, "", "", "", "", "", "", date(2025, 5, 1), "", ""]])
    body = client.post(reverse("investment:upload", args=[ledger.a.pk]), {"file": good},
                       HTTP_HX_REQUEST="true").content.decode()
    assert "新增线索1个" in body and InvestmentProject.objects.filter(name="新线索").exists()


@time_machine.travel(NOW)
def test_export_has_a_title_the_reporting_line_a_total_and_follows_the_filters(client, ledger):
    client.force_login(ledger.users.a_leader)
    response = client.get(reverse("investment:export", args=[ledger.a.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "惠济区招商引资项目台账"
    assert rows[1][0] == "填报单位：惠济区    数据截至：2025-07-01    单位：亿元    年度：2025年"
    assert rows[2][:5] == ("序号", "编号", "项目名称", "投资方", "投资额(亿元)")
    assert rows[3][2:5] == ("合计(2个)", None, 312)
    assert [r[2] for r in rows[4:]] == ["调味品产业园", "协鑫储能"]
    assert rows[5][10] == "签约" and rows[5][14] == datetime(2025, 3, 1) and rows[5][9] == "以商招商"
    assert "A1:R1" in {str(r) for r in ws.merged_cells.ranges} and ws.freeze_panes == "A4"
    assert "轨道装备" not in str(rows)
    ws = load_workbook(io.BytesIO(client.get(reverse("investment:export",
                                                     args=[ledger.a.pk]) + "?state=signed").content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][0].endswith("状态：签约") and rows[3][2] == "合计(1个)" and [r[2] for r in rows[4:]] == ["协鑫储能"]


@time_machine.travel(NOW)
def test_import_investment_command_saves_a_good_file_and_refuses_a_bad_one(ledger, tmp_path):
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook([[None, "命令行线索", "某集团", 2, None, "", "食品", "调味品", "", "", "",
                                date(2025, 6, 1), "", ""]]).read())
    out = io.StringIO()
    call_command("import_investment", str(good), user="a_data", org="惠济区", stdout=out, verbosity=0)
    assert "新增线索1个" in out.getvalue()
    assert InvestmentProject.objects.get(name="命令行线索").chain_link == ledger.sauce
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([[None, "坏线索", "某集团", "x", None, "", "", "", "", "", "", date(2025, 6, 1), "",
                               ""]]).read())
    err = io.StringIO()
    with pytest.raises(CommandError, match="全部未保存"):
        call_command("import_investment", str(bad), user="a_data", org=str(ledger.a.pk), stderr=err, verbosity=0)
    assert "第2行 D(投资额(亿元))" in err.getvalue() and not InvestmentProject.objects.filter(name="坏线索").exists()
    with pytest.raises(CommandError):
        call_command("import_investment", str(good), user="a_data", org="没有这个区", verbosity=0)


@time_machine.travel(NOW)
def test_a_lead_dated_1999_or_99999_in_the_file_is_refused_naming_row_and_column(ledger):
    upload = workbook([
        [None, "旧线索", "某集团", 1, None, "", "", "", "", "", "", date(1999, 5, 1), "", ""],
        [None, "远线索", "某集团", 1, None, "", "", "", "", "", "", "99999-05-01", "", ""],
        [None, "好线索", "某集团", 1, None, "", "", "", "", "", "", "2025/5/1", "", ""]])
    result = excel.import_ledger(ledger.users.a_data, ledger.a, upload)
    found = {(e.row, e.column, e.message) for e in result.errors}
    assert found == {(2, "L(线索日期)", "日期须在2000-01-01至2100-12-31之间（收到“1999-05-01”）"),
                     (3, "L(线索日期)", "日期须在2000-01-01至2100-12-31之间（收到“99999-05-01”）")}
    assert result.created == 0 and not InvestmentProject.objects.filter(name="好线索").exists()
