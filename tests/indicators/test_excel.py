"""Excel template, upload and export: a file is saved whole or not at all, and every error says where."""
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from luoshi.indicators.excel import import_workbook
from luoshi.indicators.models import Actual, Target
from luoshi.indicators.services import record_actual, set_target
from luoshi.indicators.workbook import build_template, export_actuals

NOW = "2025-11-24 10:00 +0800"
TARGET_HEADER = ["单位", "指标", "年度", "目标表述", "来源", "修订原因"]
ACTUAL_HEADER = ["单位", "指标", "年度", "月份", "累计值", "计量单位", "同比增长(%)", "备注", "来源", "修订原因"]


def workbook(targets=(), actuals=(), target_header=TARGET_HEADER, actual_header=ACTUAL_HEADER) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "年度目标"
    ws.append(target_header)
    for row in targets:
        ws.append(list(row))
    ws = wb.create_sheet("月度实绩")
    ws.append(actual_header)
    for row in actuals:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("ledger.xlsx", out.getvalue())


def nothing_saved():
    return not Target.objects.exists() and not Actual.objects.exists()


GOOD_TARGETS = [("惠济区", "地区生产总值", 2025, "增长6%左右", "惠济区政府工作报告"),
                ("惠济区", "社会消费品零售总额", 2025, "增长6%以上")]
GOOD_ACTUALS = [("惠济区", "地区生产总值", 2025, 3, 75.2, "亿元", 5.8),
                ("惠济区", "地区生产总值", 2025, 9, "241.8", "亿元", 6),
                ("古荥镇", "规模以上工业增加值", 2025, 10, None, None, 10.5)]


@time_machine.travel(NOW)
def test_good_file_saves_every_target_and_actual_with_exact_decimals(world):
    result = import_workbook(world.users.a_data, workbook(GOOD_TARGETS, GOOD_ACTUALS))
    assert result.errors == []
    assert (result.targets_created, result.actuals_created) == (2, 3)
    gdp_target = Target.objects.get(organisation=world.a, indicator__code="gdp")
    assert gdp_target.wording == "增长6%左右" and gdp_target.value == Decimal("6")
    assert gdp_target.source == "惠济区政府工作报告"
    q1 = Actual.objects.get(organisation=world.a, month=3)
    assert q1.value == Decimal("75.2") and q1.growth_pct == Decimal("5.8")
    assert Actual.objects.get(organisation=world.a_unit).growth_pct == Decimal("10.5")


@time_machine.travel(NOW)
@pytest.mark.parametrize("row, column, reason", [
    (("不存在区", "地区生产总值", 2025, 9, 1, "亿元", 5), "A(单位)", "未知单位或无权填报"),
    (("惠济区", "幸福指数", 2025, 9, 1, "亿元", 5), "B(指标)", "未知指标"),
    (("古荥镇", "地区生产总值", 2025, 9, 1, "个", 5), "F(计量单位)", "不符"),
    (("古荥镇", "地区生产总值", 2025, 9, "待定", "亿元", 5), "E(累计值)", "不是数字"),
    (("古荥镇", "地区生产总值", 2026, 3, 1, "亿元", 5), "C(年度)", "尚未到来"),
    (("古荥镇", "地区生产总值", 2025, 8, 1, "亿元", 5), "D(月份)", "按季上报"),
    (("古荥镇", "地区生产总值", 2025, 9, -3, "亿元", 5), "E(累计值)", "不能为负数"),
    (("古荥镇", "地区生产总值", 2025, 9, 10, "亿元", 5000), "G(同比增长(%))", "不能大于1000"),
    (("惠济区", "地区生产总值", 2025, 6, 500, "亿元", 5), "E(累计值)", "累计值不会减少"),
    (("中原区", "地区生产总值", 2025, 9, 1, "亿元", 5), "A(单位)", "未知单位或无权填报"),
])
def test_one_bad_actual_row_saves_nothing_and_names_row_column_and_reason(world, row, column, reason):
    result = import_workbook(world.users.a_data, workbook(GOOD_TARGETS, [*GOOD_ACTUALS, row]))
    assert result.saved == 0 and nothing_saved()
    error = result.errors[-1]
    assert (error.sheet, error.row, error.column) == ("月度实绩", 5, column)
    assert reason in error.message


@time_machine.travel(NOW)
def test_duplicate_row_in_file_is_refused_with_the_first_row_named(world):
    result = import_workbook(world.users.a_data, workbook([], [*GOOD_ACTUALS, GOOD_ACTUALS[1]]))
    assert nothing_saved()
    assert [(e.row, e.message) for e in result.errors] == [(5, "与第3行重复(同一单位、指标、年度、月份)")]


@time_machine.travel(NOW)
def test_bad_target_wording_is_reported_on_its_row(world):
    result = import_workbook(world.users.a_data, workbook([*GOOD_TARGETS, ("惠济区", "固定资产投资", 2025, "搞上去")]))
    assert nothing_saved()
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("年度目标", 4, "D(目标表述)")]


@time_machine.travel(NOW)
def test_every_error_in_the_file_is_listed_not_only_the_first(world):
    result = import_workbook(world.users.a_data, workbook(
        [("火星区", "地区生产总值", 2025, "增长6%")],
        [("惠济区", "幸福指数", 2025, 9, 1, "亿元", 5), ("惠济区", "地区生产总值", "明年", 9, 1, "亿元", 5)]))
    assert [(e.sheet, e.row) for e in result.errors] == [("年度目标", 2), ("月度实绩", 2), ("月度实绩", 3)]
    assert nothing_saved()


@time_machine.travel(NOW)
def test_revising_a_reported_month_without_reason_saves_nothing_with_reason_revises_with_history(world, indicator):
    record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                  value="240", growth_pct="5.9")
    rows = [("惠济区", "地区生产总值", 2025, 3, 75.2, "亿元", 5.8),
            ("惠济区", "地区生产总值", 2025, 9, 241.8, "亿元", 6)]
    result = import_workbook(world.users.a_data, workbook([], rows))
    assert [(e.row, e.column) for e in result.errors] == [(3, "J(修订原因)")]
    assert Actual.objects.count() == 1 and Actual.objects.get().value == Decimal("240")

    rows[1] = (*rows[1], "", "", "统计局反馈修正")
    result = import_workbook(world.users.a_data, workbook([], rows))
    assert result.errors == [] and (result.actuals_created, result.actuals_revised) == (1, 1)
    sept = Actual.objects.get(month=9)
    assert sept.value == Decimal("241.8") and sept.version == 2
    last = sept.history.first()
    assert last.history_change_reason == "统计局反馈修正" and last.history_user == world.users.a_data


@time_machine.travel(NOW)
def test_cumulative_order_is_judged_on_the_file_and_the_ledger_together(world, indicator):
    gdp = indicator("gdp")
    record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=3, value="10",
                  growth_pct="1")
    record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=6, value="20",
                  growth_pct="1")
    rows = [("惠济区", "地区生产总值", 2025, 3, 25, "亿元", 1, "", "", "口径调整"),
            ("惠济区", "地区生产总值", 2025, 6, 30, "亿元", 1, "", "", "口径调整")]
    result = import_workbook(world.users.a_data, workbook([], rows))
    assert result.errors == []
    assert list(Actual.objects.order_by("month").values_list("value", flat=True)) == [Decimal(25), Decimal(30)]


@time_machine.travel(NOW)
def test_unit_staff_may_upload_only_their_own_units_actuals(world):
    result = import_workbook(world.users.a_unit, workbook([("古荥镇", "地区生产总值", 2025, "增长6%")],
                                                          [("惠济区", "地区生产总值", 2025, 9, 1, "亿元", 5)]))
    assert [(e.sheet, e.column) for e in result.errors] == [("年度目标", "A(单位)"), ("月度实绩", "A(单位)")]
    result = import_workbook(world.users.a_unit, workbook([], [GOOD_ACTUALS[2]]))
    assert result.errors == [] and result.actuals_created == 1


@time_machine.travel(NOW)
@pytest.mark.parametrize("content, reason", [
    (b"", "是空的"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为.xlsx"),
    ("单位,指标\n惠济区,地区生产总值\n".encode(), "不是Excel工作簿"),
    (b"PK\x03\x04broken zip", "无法读取"),
])
def test_files_that_are_not_workbooks_are_refused_and_nothing_is_saved(world, content, reason):
    result = import_workbook(world.users.a_data, SimpleUploadedFile("data.xlsx", content))
    assert nothing_saved() and len(result.errors) == 1 and reason in result.errors[0].message


@time_machine.travel(NOW)
def test_file_over_the_size_limit_is_refused_before_reading(world, settings):
    settings.LUOSHI = {**settings.LUOSHI, "MAX_UPLOAD_MB": 1}
    big = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"0" * (1024 * 1024 + 10))
    result = import_workbook(world.users.a_data, big)
    assert "超过1MB上限" in result.errors[0].message and nothing_saved()


@time_machine.travel(NOW)
def test_workbook_without_template_sheets_or_columns_is_refused(world):
    wb = Workbook()
    wb.active.title = "Sheet1"
    out = io.BytesIO()
    wb.save(out)
    result = import_workbook(world.users.a_data, SimpleUploadedFile("x.xlsx", out.getvalue()))
    assert "请使用下载的模板" in result.errors[0].message
    result = import_workbook(world.users.a_data, workbook([], GOOD_ACTUALS, actual_header=ACTUAL_HEADER[:3]))
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("月度实绩", 1, "月份")]
    assert nothing_saved()


@time_machine.travel(NOW)
def test_template_lists_only_the_users_units_and_round_trips_through_upload(world):
    wb = load_workbook(io.BytesIO(build_template(world.users.a_data)))
    assert wb.sheetnames == ["年度目标", "月度实绩", "填报说明"]
    listed = {c.value for c in wb["填报说明"]["A"] if c.value}
    assert {"惠济区", "古荥镇"} <= listed and "中原区" not in listed and "须水街道" not in listed
    assert [c.value for c in wb["月度实绩"][1]] == ACTUAL_HEADER
    wb["月度实绩"].append(["惠济区", "地区生产总值", 2025, 9, 241.8, None, 6])
    out = io.BytesIO()
    wb.save(out)
    result = import_workbook(world.users.a_data, SimpleUploadedFile("t.xlsx", out.getvalue()))
    assert result.errors == [] and Actual.objects.get().value == Decimal("241.8")


@time_machine.travel(NOW)
def test_export_contains_only_the_users_district_and_can_be_uploaded_again(world, indicator):
    gdp = indicator("gdp")
    set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长6%左右")
    record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9, value="241.8",
                  growth_pct="6")
    record_actual(world.users.b_data, organisation=world.b, indicator=gdp, year=2025, month=9, value="600.12",
                  growth_pct="5.1")
    wb = load_workbook(io.BytesIO(export_actuals(world.users.a_leader, year=2025)))
    rows = list(wb["月度实绩"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[4], r[6]) for r in rows] == [("惠济区", 241.8, 6)]
    assert [r[3] for r in wb["年度目标"].iter_rows(min_row=2, values_only=True)] == ["增长6%左右"]
    out = io.BytesIO()
    wb.save(out)
    result = import_workbook(world.users.a_data, SimpleUploadedFile("again.xlsx", out.getvalue()))
    assert result.errors == [] and result.saved == 0
    assert Actual.objects.get(organisation=world.a).version == 1


@time_machine.travel(NOW)
def test_upload_page_lists_errors_and_export_is_scoped(client, world):
    client.force_login(world.users.a_data)
    bad = workbook([], [("中原区", "地区生产总值", 2025, 9, 1, "亿元", 5)])
    page = client.post(reverse("indicators:upload"), {"file": bad}).content.decode()
    assert "发现1处错误，文件中的数据全部未保存" in page and "未知单位或无权填报" in page and nothing_saved()
    page = client.post(reverse("indicators:upload"), {"file": workbook(GOOD_TARGETS, GOOD_ACTUALS)},
                       HTTP_HX_REQUEST="true").content.decode()
    assert "新增目标2条" in page and "新增实绩3条" in page
    response = client.get(reverse("indicators:export"), {"year": 2025})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    template = client.get(reverse("indicators:template"))
    assert template.status_code == 200 and load_workbook(io.BytesIO(template.content)).sheetnames[0] == "年度目标"


@time_machine.travel(NOW)
@pytest.mark.parametrize("user", ["a_leader", "a_enterprise", "a_discipline"])
def test_readers_cannot_upload_or_download_the_template(client, world, user):
    client.force_login(getattr(world.users, user))
    assert client.post(reverse("indicators:upload"), {"file": workbook(GOOD_TARGETS)}).status_code == 403
    assert client.get(reverse("indicators:template")).status_code == 403
    assert nothing_saved()


@time_machine.travel(NOW)
def test_enterprise_user_export_contains_no_figures(client, world, indicator):
    record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                  value="241.8", growth_pct="6")
    client.force_login(world.users.a_enterprise)
    wb = load_workbook(io.BytesIO(client.get(reverse("indicators:export")).content))
    assert list(wb["月度实绩"].iter_rows(min_row=2, values_only=True)) == []


@time_machine.travel(NOW)
def test_import_command_saves_a_good_file_and_refuses_a_bad_one(world, tmp_path):
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook(GOOD_TARGETS, GOOD_ACTUALS).read())
    call_command("import_ledger", str(good), user="a_data", verbosity=0)
    assert Actual.objects.count() == 3
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([], [("惠济区", "地区生产总值", 2025, 12, 900, "亿元", 6)]).read())
    with pytest.raises(CommandError, match="全部未保存"):
        call_command("import_ledger", str(bad), user="a_data", verbosity=0)
    assert Actual.objects.count() == 3


@time_machine.travel(NOW)
def test_one_upload_lists_every_error_also_missing_reasons_and_bad_numbers_on_rows_with_an_unknown_indicator(
        world, indicator):
    record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                  value="240", growth_pct="5.9")
    result = import_workbook(world.users.a_data, workbook([], [
        ("惠济区", "幸福指数", 2025, 9, "很多", "亿元", 5),  # unknown indicator and a value that is no number
        ("惠济区", "地区生产总值", 2025, 9, 241.8, "亿元", 6),  # a revision without its reason
        ("古荥镇", "规模以上工业增加值", 2025, 13, 10, "亿元", 5),  # no such month
    ]))
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "B(指标)"), (2, "E(累计值)"), (3, "J(修订原因)"), (4, "D(月份)")]
    assert Actual.objects.get().value == Decimal("240")  # nothing saved, nothing changed


@time_machine.travel(NOW)
def test_a_target_revised_without_reason_is_listed_with_the_other_errors_of_the_file(world, indicator):
    set_target(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, wording="增长6%左右")
    result = import_workbook(world.users.a_data, workbook(
        [("惠济区", "地区生产总值", 2025, "增长7%左右")], [("火星区", "地区生产总值", 2025, 9, 1, "亿元", 5)]))
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [
        ("年度目标", 2, "F(修订原因)"), ("月度实绩", 2, "A(单位)")]
    assert Target.objects.get().wording == "增长6%左右"


@time_machine.travel(NOW)
def test_the_template_comes_filled_with_the_next_month_for_each_unit_and_indicator_reported_before(
        world, indicator):
    for org, code, month in ((world.a_unit, "industrial_va", 9), (world.a, "retail_sales", 10),
                             (world.b, "industrial_va", 9)):
        record_actual(world.users.city_admin if org == world.b else world.users.a_data, organisation=org,
                      indicator=indicator(code), year=2025, month=month, value=None, growth_pct="5")
    record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                  value="240", growth_pct="5.9")
    wb = load_workbook(io.BytesIO(build_template(world.users.a_data)))
    rows = [[c.value for c in r][:6] for r in wb["月度实绩"].iter_rows(min_row=2) if r[0].value]
    # October is the newest month over; 古荥镇 still owes it, 惠济区's retail sales are in, GDP is quarterly,
    # and the other district's unit is not the clerk's
    assert rows == [["古荥镇", "规模以上工业增加值", 2025, 10, None, indicator("industrial_va").unit]]


@time_machine.travel(NOW)
def test_this_years_targets_come_pre_filled_from_last_years_until_they_are_set(world, indicator):
    for code in ("gdp", "retail_sales"):
        set_target(world.users.a_data, organisation=world.a, indicator=indicator(code), year=2024, wording="增长6%")
    set_target(world.users.a_data, organisation=world.a, indicator=indicator("retail_sales"), year=2025,
               wording="增长5%")
    wb = load_workbook(io.BytesIO(build_template(world.users.a_data)))
    rows = [[c.value for c in r][:4] for r in wb["年度目标"].iter_rows(min_row=2) if r[0].value]
    assert rows == [["惠济区", "地区生产总值", 2025, None]]


@time_machine.travel(NOW)
def test_pre_filled_rows_left_blank_are_not_uploaded_and_the_result_says_how_many(client, world, indicator):
    record_actual(world.users.a_data, organisation=world.a_unit, indicator=indicator("industrial_va"), year=2025,
                  month=9, value=None, growth_pct="5")
    record_actual(world.users.a_data, organisation=world.a, indicator=indicator("retail_sales"), year=2025,
                  month=9, value="100", growth_pct="5")
    wb = load_workbook(io.BytesIO(build_template(world.users.a_data)))
    sheet = wb["月度实绩"]
    filled = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "社会消费品零售总额")
    filled[4].value, filled[6].value = 112.5, 5.5
    out = io.BytesIO()
    wb.save(out)
    client.force_login(world.users.a_data)
    page = client.post(reverse("indicators:upload"), {"file": SimpleUploadedFile("t.xlsx", out.getvalue())},
                       follow=True).content.decode()
    assert Actual.objects.filter(month=10).count() == 1
    assert Actual.objects.get(month=10).value == Decimal("112.5")
    assert "另有1行未填写数值,未上传" in page
