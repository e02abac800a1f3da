"""The report reader proposes a work plan from numbered sections (general form: "N 关于…" headings with task
sentences carrying a deadline or a quantity); a person accepts each proposed task, choosing the lead unit."""
from datetime import date
from pathlib import Path

import pytest

from luoshi.core.workflow import Refused
from luoshi.ingestion import services as reading
from luoshi.ingestion.models import Finding
from luoshi.workplan.models import WorkTask
from luoshi.workplan.reader import read_tasks

SEED = Path(__file__).resolve().parents[1] / "ingestion" / "gold" / "seeds" / "002_b7bdd805f71aa3f4.txt"


def test_zhongyuans_ten_sections_and_their_dated_tasks_are_found_with_exact_spans():
    text = SEED.read_text(encoding="utf-8")
    found = read_tasks(text, date=date(2024, 12, 30))
    sections = {f["indicator_phrase"] for f in found}
    assert len(sections) == 10 and "1 关于重点项目建设" in sections and "10 关于民生保障工作" in sections
    plant = next(f for f in found if "郑新热电厂片区" in f["text"])
    assert (plant["month"], plant["year"]) == (3, 2025) and plant["text"].endswith("3月底前实质性开工")
    mill = next(f for f in found if "国棉三厂" in f["text"])
    assert mill["month"] == 5 and "郑新热电厂" not in mill["text"]
    land = next(f for f in found if "收储土地" in f["text"])
    assert (land["month"], land["wording"], land["value"], land["unit"]) == (12, "不低于1100亩", 1100, "亩")
    for f in found:  # spans are the original text's, line breaks of the page included
        assert text[f["start"]:f["end"]].replace("\n", "").replace(" ", "").startswith(f["text"][:6].replace(" ", ""))


def test_a_report_without_numbered_sections_proposes_no_tasks():
    assert read_tasks("全年地区生产总值增长6%左右。力争3月底前开工。") == []


@pytest.fixture
def document(wp):
    text = "1 关于重点项目建设\n\n力争2025年收储土地不低于1100亩。郑新热电厂片区3月底前实质性开工。\n"
    return reading.read_document(wp.world.users.a_data, text=text, title="惠济区十项工作", organisation=wp.world.a,
                                 date=date(2024, 12, 30))[0]


def test_the_supervision_office_accepts_a_proposed_task_once_it_names_the_lead_unit(wp, document):
    finding = document.findings.get(kind="task", text="郑新热电厂片区3月底前实质性开工")
    with pytest.raises(Refused) as refused:
        reading.accept_finding(wp.a_sup, finding)
    assert refused.value.reasons[0].startswith("采纳前请先把“单位”改为牵头单位")
    reading.edit_finding(wp.a_sup, finding, organisation=wp.world.a_unit)
    task = reading.accept_finding(wp.a_sup, Finding.objects.get(pk=finding.pk))
    assert isinstance(task, WorkTask)
    assert (task.plan.title, task.plan.year, task.section.title, task.deadline, task.lead_unit) == (
        "惠济区十项工作", 2025, "关于重点项目建设", date(2025, 3, 31), wp.world.a_unit)
    assert task.source.startswith("惠济区十项工作[")


def test_a_proposed_task_with_a_quantity_keeps_its_measure_in_the_ledgers_wording(wp, document):
    finding = document.findings.get(kind="task", text__contains="收储土地")
    reading.edit_finding(wp.a_sup, finding, organisation=wp.world.a_unit)
    task = reading.accept_finding(wp.a_sup, Finding.objects.get(pk=finding.pk))
    assert (task.measure_wording, task.measure_value, task.measure_unit, task.deadline) == (
        "不低于1100亩", 1100, "亩", date(2025, 12, 31))


def test_another_districts_office_cannot_accept(wp, document):
    from django.core.exceptions import PermissionDenied

    finding = document.findings.filter(kind="task").first()
    with pytest.raises(PermissionDenied):
        reading.accept_finding(wp.b_sup, finding)
