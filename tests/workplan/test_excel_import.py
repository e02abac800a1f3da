"""The all-or-nothing import of a task list: bad rows named by row, column and reason, nothing saved; a good
file makes every task with its section, leads, deadline, measure and milestones."""
from datetime import date

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
