"""招商目标 and the pipeline's category floors, entered by form, API and Excel: read with the ledger's
wording rules, a sector and a size threshold narrowing what counts, bad input refused naming the field
(nothing saved), revisions with reasons in the history, district A never writing B's."""
import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.indicators.services import LedgerError
from luoshi.investment import services, targets
from luoshi.investment.models import InvestmentTarget, Measure
from luoshi.investment.selectors import target_progress
from luoshi.organisations.models import Organisation, OrgKind
from tests.conftest import xlsx_upload

NOW = "2025-07-01 10:00 +0800"


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def gxj(world):
    """工信局 of district A, responsible for industrial projects."""
    return Organisation.objects.create(name="惠济区工业和信息化局", short_name="工信局", kind=OrgKind.DEPARTMENT,
                                       parent=world.a)


def _signed(world, name, amount, sector, unit=None):
    lead = services.create_lead(world.users.a_data, organisation=world.a, name=name, investor="某集团",
                                lead_date=date(2025, 1, 5), sector=sector, responsible_unit=unit)
    services.transition(world.users.a_data, lead, services.SIGN, when=date(2025, 3, 1), amount=amount)
    return lead


def test_gxj_industrial_target_counts_only_industrial_projects_above_the_threshold(world, gxj):
    t = targets.set_target(world.users.a_data, organisation=gxj, year=2025, measure=Measure.SIZED_COUNT,
                           wording="不少于150个", sector="工业", min_amount="1")
    assert t.label() == "规模以上项目数（工业，1亿元以上）"
    _signed(world, "智能装备产业园", "5", "装备工业", gxj)
    _signed(world, "小型工业项目", "0.5", "工业", gxj)       # below 1亿元
    _signed(world, "文旅综合体", "20", "文化旅游", gxj)       # not industry
    _signed(world, "另一单位的工业项目", "8", "工业")          # another unit's
    row = target_progress(world.users.a_data, gxj, 2025)[0]
    assert row["achieved"] == 1
    assert row["status"].status == "behind"


def test_pipeline_category_floor_reads_the_wording_and_requires_a_known_category(world):
    from luoshi.projects.services import ensure_lists

    ensure_lists()
    t = targets.set_target(world.users.a_data, organisation=world.a, year=2025,
                           measure=Measure.PIPELINE_INVESTMENT, wording="确保完成投资53亿元以上", sector="基础设施")
    assert (t.value, t.comparator, t.commitment) == (Decimal("53"), "at_least", "floor")
    with pytest.raises(LedgerError, match="不是重点项目类别"):
        targets.set_target(world.users.a_data, organisation=world.a, year=2025,
                           measure=Measure.PIPELINE_INVESTMENT, wording="确保完成投资53亿元以上", sector="基建")
    row = target_progress(world.users.a_data, world.a, 2025)[0]
    assert row["achieved"] == 0 and row["label"] == "重点项目分领域完成投资（基础设施）"


@pytest.mark.parametrize("fields, field, words", [
    ({"year": "1999"}, "年度", "2000—2100"),
    ({"measure": "多多益善"}, "目标类型", "未知的目标类型"),
    ({"wording": "越多越好"}, "目标表述", ""),
    ({"measure": Measure.SIZED_COUNT, "min_amount": None}, "项目规模下限(亿元)", "须写明项目规模下限"),
    ({"min_amount": "abc", "measure": Measure.SIZED_COUNT}, "项目规模下限(亿元)", "不是数字"),
    ({"min_amount": "-1", "measure": Measure.SIZED_COUNT}, "项目规模下限(亿元)", "不能为负数"),
    ({"min_amount": "100", "max_amount": "50", "measure": Measure.SIZED_COUNT}, "项目规模上限(亿元)", "小于下限"),
    ({"min_amount": "1", "measure": Measure.SIGNED_AMOUNT, "wording": "达到400亿元"}, "项目规模下限(亿元)",
     "不按项目规模计"),
])
def test_bad_target_is_refused_naming_the_field_and_nothing_is_saved(world, fields, field, words):
    args = {"year": 2025, "measure": Measure.SIGNED_COUNT, "wording": "不少于60个", **fields}
    with pytest.raises(LedgerError) as exc:
        targets.set_target(world.users.a_data, organisation=world.a, **args)
    assert any(e.field == field and words in e.message for e in exc.value.errors), exc.value.errors
    assert not InvestmentTarget.objects.exists()


def test_revising_a_target_needs_a_reason_refuses_a_stale_version_and_keeps_history(world):
    from luoshi.core.records import ConflictError

    first = targets.set_target(world.users.a_data, organisation=world.a, year=2025, measure=Measure.SIGNED_COUNT,
                               wording="不少于60个")
    with pytest.raises(LedgerError, match="修订原因"):
        targets.set_target(world.users.a_data, organisation=world.a, year=2025, measure=Measure.SIGNED_COUNT,
                           wording="不少于70个")
    second = targets.set_target(world.users.a_data, organisation=world.a, year=2025, measure=Measure.SIGNED_COUNT,
                                wording="不少于70个", reason="区委全会加码", expected_version=first.version)
    assert second.pk == first.pk and second.version == 2 and second.value == 70
    with pytest.raises(ConflictError):
        targets.set_target(world.users.a_data, organisation=world.a, year=2025, measure=Measure.SIGNED_COUNT,
                           wording="不少于80个", reason="我的修改", expected_version=1)
    trail = targets.target_audit(second)
    assert trail[0].reason == "区委全会加码" and trail[-1].reason == "新设招商目标"


def _post(client, org_id, body):
    return client.post(f"/api/investment/districts/{org_id}/targets", json.dumps(body),
                       content_type="application/json")


def test_api_sets_a_unit_target_with_sector_and_threshold(client, world, gxj):
    client.force_login(world.users.a_data)
    answer = _post(client, world.a.pk, {"year": 2025, "measure": "规模以上项目数", "wording": "不少于150个",
                                        "sector": "工业", "min_amount": "1", "unit_id": gxj.pk})
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["organisation_id"], body["sector"], body["min_amount"]) == (gxj.pk, "工业", "1")
    assert body["measure_label"] == "规模以上项目数（工业，1亿元以上）"
    blind = _post(client, world.a.pk, {"year": 2025, "measure": "sized_count", "wording": "不少于160个",
                                       "sector": "工业", "min_amount": "1", "unit_id": gxj.pk, "reason": "加码"})
    assert blind.status_code == 409 and blind.json()["current"]["wording"] == "不少于150个", "no version: none expected"
    again = _post(client, world.a.pk, {"year": 2025, "measure": "sized_count", "wording": "不少于160个",
                                       "sector": "工业", "min_amount": "1", "unit_id": gxj.pk, "reason": "加码",
                                       "expected_version": 1})
    assert again.status_code == 200 and again.json()["version"] == 2


def test_api_refuses_bad_input_with_each_field_named(client, world):
    client.force_login(world.users.a_data)
    answer = _post(client, world.a.pk, {"year": 1999, "measure": "sized_count", "wording": "很多"})
    assert answer.status_code == 422
    fields = {e["field"] for e in answer.json()["errors"]}
    assert {"年度", "项目规模下限(亿元)", "目标表述"} <= fields
    assert not InvestmentTarget.objects.exists()


def test_district_a_cannot_set_targets_in_b_nor_for_b_units_by_guessed_id(client, world):
    client.force_login(world.users.a_data)
    body = {"year": 2025, "measure": "signed_count", "wording": "不少于60个"}
    assert _post(client, world.b.pk, body).status_code == 404
    assert _post(client, world.a.pk, {**body, "unit_id": world.b_unit.pk}).status_code == 404
    client.force_login(world.users.a_leader)
    assert _post(client, world.a.pk, body).status_code == 403
    assert not InvestmentTarget.objects.exists()


def test_targets_page_form_saves_and_shows_errors_in_chinese(client, world, gxj):
    client.force_login(world.users.a_data)
    url = reverse("investment:targets", args=[world.a.pk]) + "?year=2025"
    bad = client.post(url, {"organisation": gxj.pk, "year": "2025", "measure": "sized_count", "wording": "不少于150个",
                            "sector": "工业", "min_amount": ""})
    assert "须写明项目规模下限" in bad.content.decode() and not InvestmentTarget.objects.exists()
    ok = client.post(url, {"organisation": gxj.pk, "year": "2025", "measure": "sized_count", "wording": "不少于150个",
                           "sector": "工业", "min_amount": "1"})
    assert ok.status_code == 302
    page = client.get(url).content.decode()
    assert "规模以上项目数（工业，1亿元以上）" in page and "不少于150个" in page


def test_excel_import_is_all_or_nothing_with_errors_by_row_and_column(client, world, gxj):
    client.force_login(world.users.a_data)
    header = ["单位", "年度", "目标类型", "目标表述", "项目规模下限(亿元)", "项目规模上限(亿元)", "行业/领域", "来源",
              "修订原因"]
    upload = xlsx_upload({"招商目标": (header, [
        ["惠济区", 2025, "新签约项目数", "不少于60个", None, None, None, None, None],
        ["工信局", 2025, "规模以上项目数", "不少于150个", None, None, "工业", None, None],
        ["中原区", 2025, "签约总额", "达到400亿元", None, None, None, None, None],
    ])})
    page = client.post(reverse("investment:targets_upload", args=[world.a.pk]), {"file": upload}).content.decode()
    assert "E(项目规模下限(亿元))" in page and "须写明项目规模下限" in page
    assert "不是本区或您可维护的区内单位" in page
    assert not InvestmentTarget.objects.exists()
    good = xlsx_upload({"招商目标": (header, [
        ["惠济区", 2025, "新签约项目数", "不少于60个", None, None, None, None, None],
        ["工信局", 2025, "规模以上项目数", "不少于150个", 1, None, "工业", None, None],
    ])})
    page = client.post(reverse("investment:targets_upload", args=[world.a.pk]), {"file": good}).content.decode()
    assert "新增目标2个" in page
    assert InvestmentTarget.objects.get(organisation=gxj).min_amount == 1


def test_excel_template_round_trips_the_targets(client, world):
    import io

    targets.set_target(world.users.a_data, organisation=world.a, year=2025, measure=Measure.SIGNED_AMOUNT,
                       wording="不低于450亿元", source="政府工作报告")
    client.force_login(world.users.a_data)
    data = client.get(reverse("investment:targets_template", args=[world.a.pk]), {"year": 2025}).content
    ws = load_workbook(io.BytesIO(data))["招商目标"]
    assert [c.value for c in ws[2]][:4] == ["惠济区", 2025, "签约总额", "不低于450亿元"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    again = client.post(reverse("investment:targets_upload", args=[world.a.pk]),
                        {"file": SimpleUploadedFile("t.xlsx", data)}).content.decode()
    assert "未改动1个" in again
