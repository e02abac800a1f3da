"""The all-or-nothing import of a task list: bad rows named by row, column and reason, nothing saved; a good
file makes every task with its section, leads, deadline, measure and milestones."""
from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse

from luoshi.workplan import excel
from luoshi.workplan.models import WorkTask
from tests.conftest import xlsx_upload

HEADER = excel.COLUMNS


def upload(rows):
    return xlsx_upload({excel.SHEET: (HEADER, rows)}, "任务清单.xlsx")


def test_a_good_list_becomes_tasks_with_sections_leads_and_milestones(wp):
    result = excel.import_tasks(wp.a_sup, wp.plan, upload([
        ["1", "2 关于促消费扩投", "力争新增高新技术企业40家", "重点工作", "a_leader", "古荥镇", "花园口镇",
         "2025-12-31", "季报", "力争新增40家", "2025-06-30 新增20家"],
        ["2", "", "办好民生实事", "民生实事", "", "花园口镇", "", date(2025, 11, 30), "", "", ""]]))
    assert result.errors == [] and result.created == 2
    task = WorkTask.objects.get(title="力争新增高新技术企业40家")
    assert (task.section.number, task.section.title, task.cadence, task.lead_leader) == (
        2, "关于促消费扩投", "quarterly", wp.world.users.a_leader)
    assert task.measure_value == 40 and task.measure_unit == "家"
    assert list(task.milestones.values_list("due", "title")) == [(date(2025, 6, 30), "新增20家")]
    assert list(task.cooperating_units.all()) == [wp.a_unit2]


def test_bad_rows_are_named_and_nothing_is_saved(wp):
    before = WorkTask.objects.count()
    result = excel.import_tasks(wp.a_sup, wp.plan, upload([
        ["1", "", "好的任务", "", "", "古荥镇", "", "2025-12-31", "", "", ""],
        ["2", "", "", "游戏", "b_leader", "须水街道", "不存在的局", "明年", "日报", "", "六月底 过半"],
        ["3", "", "力争2025年收储土地不低于1100亩", "", "", "古荥镇", "", "2025-12-31", "", "", ""]]))
    assert result.created == 0 and WorkTask.objects.count() == before
    found = {(e.row, e.column, e.message) for e in result.errors}
    assert (3, "C(工作任务)", "必须填写") in found
    assert (3, "D(类别)", "未知的类别“游戏”") in found
    assert (3, "E(牵头领导)", "“b_leader”不是惠济区的区领导") in found
    assert (3, "F(牵头单位)", "“须水街道”不是惠济区的单位") in found
    assert (3, "G(配合单位)", "“不存在的局”不是惠济区的单位") in found
    assert (3, "H(完成时限)", "“明年”不是日期（格式：2025-03-31）") in found
    assert (3, "I(报送频次)", "报送频次应为周报、月报或季报") in found
    assert (3, "K(节点)", "节点“六月底 过半”应写“日期 内容”") in found
    assert (4, "C(工作任务)", "任务“力争2025年收储土地不低于1100亩”已在台账中或在文件中重复") in found


def test_a_refusal_of_the_service_rolls_back_the_rows_before_it(wp):
    before = WorkTask.objects.count()
    result = excel.import_tasks(wp.a_sup, wp.plan, upload([
        ["1", "", "第一项", "", "", "古荥镇", "", "2025-12-31", "", "", ""],
        ["2", "", "第二项", "", "", "古荥镇", "", "2025-12-31", "", "尽快完成", ""]]))
    assert result.created == 0 and WorkTask.objects.count() == before
    assert result.errors[0].row == 3 and result.errors[0].message.startswith("目标表述：")


def test_a_file_that_is_not_excel_is_refused_and_only_the_office_may_import(client, wp):
    from django.core.files.uploadedfile import SimpleUploadedFile

    result = excel.import_tasks(wp.a_sup, wp.plan, SimpleUploadedFile("任务.xlsx", b"not a workbook"))
    assert result.errors[0].message.startswith("文件不是Excel工作簿")
    client.force_login(wp.world.users.a_data)
    r = client.post(reverse("workplan:upload", args=[wp.plan.pk]), {"file": upload([])})
    assert r.status_code == 403 and "只有惠济区督查室可以导入任务清单" in r.content.decode()
    client.force_login(wp.a_sup)
    r = client.post(reverse("workplan:upload", args=[wp.plan.pk]), {"file": upload([
        ["1", "", "", "", "", "古荥镇", "", "2025-12-31", "", "", ""]])})
    assert r.status_code == 400 and "必须填写" in r.content.decode()


def test_a_deadline_or_milestone_outside_2000_to_2100_is_refused_naming_row_and_column(wp):
    before = WorkTask.objects.count()
    result = excel.import_tasks(wp.a_sup, wp.plan, upload([
        ["1", "", "远期任务", "", "", "古荥镇", "", "2101-12-31", "", "", ""],
        ["2", "", "旧节点任务", "", "", "古荥镇", "", date(2025, 12, 31), "", "", "1999-06-30 过半"]]))
    assert result.created == 0 and WorkTask.objects.count() == before
    found = {(e.row, e.column, e.message) for e in result.errors}
    assert (2, "H(完成时限)", "日期须在2000-01-01至2100-12-31之间（收到“2101-12-31”）") in found
    assert (3, "K(节点)", "节点“1999-06-30 过半”：日期须在2000-01-01至2100-12-31之间（收到“1999-06-30”）") in found


def row_of(**cells):
    """A row of the task list by column name; the other columns blank."""
    base = {"牵头单位": "古荥镇", "完成时限": "2025-12-31"}
    return [{**base, **cells}.get(column, "") for column in HEADER]


@pytest.fixture
def records(wp, indicator):
    """A ledger target, a project and an investment target of each district."""
    from decimal import Decimal

    from luoshi.indicators.services import set_target
    from luoshi.investment import targets as investment
    from luoshi.investment.models import Measure
    from luoshi.projects import services as projects
    from luoshi.projects.models import ProjectCategory

    projects.ensure_lists()
    users, a, b = wp.world.users, wp.world.a, wp.world.b
    fixed, gdp = indicator("fixed_investment"), indicator("gdp")
    return SimpleNamespace(
        target=set_target(users.a_data, organisation=a, indicator=fixed, year=2025, wording="增长8%"),
        b_target=set_target(users.b_data, organisation=b, indicator=gdp, year=2025, wording="增长6%"),
        project=projects.create_project(
            users.a_data, organisation=a, code="HJ-2025-001", name="古荥城市更新",
            category=ProjectCategory.objects.get(name="城市更新"), total_investment=Decimal("90.84"), plan_year=2025,
            year_plan=Decimal("12"), responsible_unit=wp.world.a_unit),
        investment=investment.set_target(users.a_data, organisation=a, year=2025, measure=Measure.SIGNED_COUNT,
                                         wording="新签约项目不少于60个"),
        b_investment=investment.set_target(users.b_data, organisation=b, year=2025, measure=Measure.SIGNED_COUNT,
                                           wording="新签约项目不少于80个"))


def test_linked_measures_typed_by_name_or_code_link_the_districts_own_records(wp, records):
    result = excel.import_tasks(wp.a_sup, wp.plan, upload([
        row_of(工作任务="固定资产投资增长8%", 量化方式="关联经济指标目标", 关联指标="固定资产投资"),
        row_of(工作任务="古荥城市更新年度投资12亿元", 关联项目="HJ-2025-001"),  # the kind from the one column filled
        row_of(工作任务="全年新签约项目不少于60个", 量化方式="关联招商目标", 关联招商目标="新签约项目不少于60个"),
        row_of(工作任务="新增学位7000个", 量化方式="自定量化指标", 目标表述="新增学位7000个", 目标值=7000,
               计量单位="个")]))
    assert result.errors == [] and result.created == 4
    made = {t.title: t for t in WorkTask.objects.filter(plan=wp.plan)}
    assert (made["固定资产投资增长8%"].measure_kind, made["固定资产投资增长8%"].target) == ("target", records.target)
    assert (made["古荥城市更新年度投资12亿元"].measure_kind, made["古荥城市更新年度投资12亿元"].project) == (
        "project", records.project)
    assert made["全年新签约项目不少于60个"].investment_target == records.investment
    assert (made["新增学位7000个"].measure_value, made["新增学位7000个"].measure_unit) == (7000, "个")


def test_unknown_or_other_district_links_are_refused_by_row_and_column_and_nothing_is_saved(wp, records):
    before = WorkTask.objects.count()
    result = excel.import_tasks(wp.a_sup, wp.plan, upload([
        row_of(工作任务="好的任务", 关联指标="固定资产投资"),
        row_of(工作任务="中原区的指标", 量化方式="关联经济指标目标", 关联指标="地区生产总值"),
        row_of(工作任务="中原区的招商目标", 关联招商目标="新签约项目不少于80个"),
        row_of(工作任务="猜的项目", 量化方式="关联重点项目", 关联项目="ZY-2025-999"),
        row_of(工作任务="没写项目", 量化方式="关联重点项目"),
        row_of(工作任务="未知方式", 量化方式="大概"),
        row_of(工作任务="两列都填", 关联指标="固定资产投资", 关联项目="HJ-2025-001"),
        row_of(工作任务="方式不符", 量化方式="关联重点项目", 关联项目="HJ-2025-001", 目标表述="不低于1100亩"),
        row_of(工作任务="目标值不符", 目标表述="不低于1100亩", 目标值=1000, 计量单位="公顷")]))
    assert result.created == 0 and WorkTask.objects.count() == before
    found = {(e.row, e.column, e.message) for e in result.errors}
    assert found == {
        (3, "M(关联指标)", "“地区生产总值”不是惠济区的经济指标目标"),
        (4, "O(关联招商目标)", "“新签约项目不少于80个”不是惠济区的招商目标"),
        (5, "N(关联项目)", "“ZY-2025-999”不是惠济区的重点项目"),
        (6, "N(关联项目)", "量化方式为“关联重点项目”，请填写此列"),
        (7, "L(量化方式)", "未知的量化方式“大概”，应为：无量化指标、关联经济指标目标、关联重点项目、关联招商目标、"
                           "自定量化指标"),
        (8, "L(量化方式)", "同时填写了“关联指标”、“关联项目”，请在“量化方式”中写明其一"),
        (9, "J(目标表述)", "量化方式为“关联重点项目”，此列应留空"),
        (10, "P(目标值)", "目标值“1000”与目标表述“不低于1100亩”读出的1100不一致"),
        (10, "Q(计量单位)", "计量单位“公顷”与目标表述“不低于1100亩”读出的“亩”不一致")}


def test_the_exported_task_list_imports_again_with_its_measures(client, wp, records):
    import io

    from openpyxl import load_workbook

    from luoshi.workplan import services

    wp.new_task(title="固定资产投资增长8%", measure_kind="target", target=records.target)
    wp.new_task(title="古荥城市更新", measure_kind="project", project=records.project, section=None)
    wp.new_task(title="=HYPERLINK(\"http://x\")招商", measure_kind="investment", investment_target=records.investment,
                milestones=((date(2025, 6, 30), "签约30个"),))
    wp.new_task(title="新增学位7000个", measure_kind="own", measure_wording="新增学位7000个")
    client.force_login(wp.a_sup)
    exported = client.get(reverse("workplan:export", args=[wp.plan.pk]))
    assert exported.status_code == 200
    sheet = load_workbook(io.BytesIO(exported.content))[excel.SHEET]
    rows = {r[2]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["固定资产投资增长8%"][11:13] == ("关联经济指标目标", "2025 固定资产投资增长8%")
    assert rows["古荥城市更新"][13] == "HJ-2025-001"
    assert rows["新增学位7000个"][9] == "新增学位7000个" and rows["新增学位7000个"][15:] == (7000, "个")
    assert rows["力争2025年收储土地不低于1100亩"][11] == "无量化指标"
    cell = next(c for c in sheet["C"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"  # a title typed as a formula stays text
    again = services.create_plan(wp.a_sup, organisation=wp.world.a, year=2025, title="督察整改清单")
    result = excel.import_tasks(wp.a_sup, again, xlsx_upload_bytes(exported.content))
    assert result.errors == [] and result.created == 5
    copied = {t.title: t for t in again.tasks.all()}
    for original in wp.plan.tasks.all():
        twin = copied[original.title]
        assert [getattr(twin, f) for f in MEASURE] == [getattr(original, f) for f in MEASURE], original.title
        assert list(twin.milestones.values_list("due", "title")) == list(original.milestones.values_list("due",
            "title"))


MEASURE = ("measure_kind", "target", "project", "investment_target", "measure_wording", "measure_value", "measure_unit",
           "lead_unit", "lead_leader", "deadline", "cadence", "category")


def xlsx_upload_bytes(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("推进情况.xlsx", data)


def test_the_export_reads_a_fixed_number_of_queries_however_many_tasks_with_milestones_and_links(client, wp,
                                                                                                 records):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def more(n):
        wp.new_task(title=f"指标任务{n}", measure_kind="target", target=records.target,
                    milestones=((date(2025, 6, 30), f"节点{n}"),))
        wp.new_task(title=f"招商任务{n}", measure_kind="investment", investment_target=records.investment)
        wp.new_task(title=f"项目任务{n}", measure_kind="project", project=records.project)

    client.force_login(wp.a_sup)
    url = reverse("workplan:export", args=[wp.plan.pk])
    more(0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    more(1)
    more(2)
    with CaptureQueriesContext(connection) as many:
        exported = client.get(url)
    assert exported.status_code == 200 and len(many) == len(few)
