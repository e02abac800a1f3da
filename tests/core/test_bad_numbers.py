"""The cases of issue 13 that broke pages: an implausible number is refused on every path (API, form, Excel,
move form) with the field and the limit named, nothing is saved, and the district's pages still open."""
import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine

from luoshi.indicators.models import Actual
from luoshi.investment import services as investment
from luoshi.investment.models import InvestmentProject
from luoshi.projects.models import MonthlyReport, WageRecord
from tests.conftest import xlsx_upload
from tests.projects.conftest import project, start  # noqa: F401 (the fixture)

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW):
        yield


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def actual(client, org, **fields):
    return post_json(client, "/api/indicators/actuals", {"organisation_id": org.pk, "indicator": "gdp",
                                                         "year": 2025, "month": 9, **fields})


def messages_of(response) -> str:
    return " ".join(f"{e['field']} {e['message']}" for e in response.json()["errors"])


def pages_of_district_open(client, world):
    for url in (f"/indicators/org/{world.a.pk}/", "/indicators/export.xlsx", f"/dashboard/org/{world.a.pk}/",
                f"/api/indicators/organisations/{world.a.pk}/overview", "/api/indicators/actuals"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("value, said", [
    ("1e20", "整数部分最多12位"), ("1E400", "整数部分最多12位"), ("NaN", "不是有限的数字"),
    ("Infinity", "不是有限的数字"), ("-5", "不能为负数"), ("99999.123456789", "最多4位小数"),
])
def test_an_implausible_actual_through_the_api_is_refused_and_the_overview_still_opens(client, world, value, said):
    client.force_login(world.users.a_data)
    response = actual(client, world.a, value=value)
    assert response.status_code == 422 and said in messages_of(response)
    assert "累计值" in messages_of(response)
    assert not Actual.objects.exists()
    pages_of_district_open(client, world)


def test_an_impossible_growth_is_refused_but_a_fall_is_a_growth_rate(client, world):
    client.force_login(world.users.a_data)
    assert "不能小于-100" in messages_of(actual(client, world.a, value="10", growth_pct="-150"))
    assert actual(client, world.a, value="10", growth_pct="-3.5").status_code == 201


@pytest.mark.parametrize("year", [-1, 1, 1999, 2101, 99999999999999999999])
def test_a_year_outside_2000_to_2100_is_refused_on_the_api_not_a_500(client, world, year):
    client.force_login(world.users.a_data)
    response = actual(client, world.a, year=year, value="10")
    assert response.status_code == 422 and "年度" in messages_of(response)
    assert not Actual.objects.exists()


def test_a_huge_value_in_the_actual_form_is_a_form_error_and_nothing_is_saved(client, world, indicator):
    client.force_login(world.users.a_data)
    url = f"/indicators/org/{world.a.pk}/indicator/{indicator('gdp').pk}/actual/"
    response = client.post(url, {"year": 2025, "month": 9, "value": "1e13", "unit": "亿元", "growth_pct": ""})
    assert response.status_code == 200 and "整数部分最多12位" in response.content.decode()
    assert not Actual.objects.exists()


def test_a_huge_value_in_an_excel_upload_is_named_by_row_and_column(client, world):
    from luoshi.indicators.excel import import_workbook

    header = ["单位", "指标", "年度", "月份", "累计值", "计量单位", "同比增长(%)", "备注", "来源", "修订原因"]
    upload = xlsx_upload({"年度目标": (["单位", "指标", "年度", "目标表述", "来源", "修订原因"], []),
                          "月度实绩": (header, [["惠济区", "地区生产总值", 2025, 9, 1e20, "亿元", 5]])})
    result = import_workbook(world.users.a_data, upload)
    assert result.saved == 0 and not Actual.objects.exists()
    assert any(e.row == 2 and e.column == "E(累计值)" and "整数部分最多12位" in e.message for e in result.errors)


def test_a_converted_value_that_overflows_its_column_is_refused(client, world):
    client.force_login(world.users.a_data)
    response = actual(client, world.a, value="1e17", unit="万元")
    assert response.status_code == 422 and "换算为亿元后" in messages_of(response)


@pytest.mark.parametrize("field, value, said", [
    ("cumulative", "1e400", "整数部分最多8位"), ("cumulative", "NaN", "不是有限的数字"),
    ("month_investment", "Infinity", "不是有限的数字"), ("month_investment", "-1", "不能为负数"),
    ("cumulative", "1.123456789", "最多4位小数"),
])
def test_a_bad_project_report_is_refused_on_the_api_with_the_field_named(client, world, project, field, value, said):
    start(world, project)
    client.force_login(world.users.a_data)
    data = {"year": 2025, "month": 6, "month_investment": "1", "cumulative": "2", field: value}
    response = post_json(client, f"/api/projects/{project.pk}/reports", data)
    assert response.status_code == 422, response.content
    assert any(e["field"] == field and said in e["message"] for e in response.json()["errors"])
    assert not MonthlyReport.objects.exists()
    assert client.get(f"/projects/org/{world.a.pk}/rollup/").status_code == 200


@pytest.mark.parametrize("data, field", [
    ({"payroll_due": "NaN"}, "payroll_due"), ({"paid": "Infinity"}, "paid"), ({"paid": "1e20"}, "paid"),
    ({"payroll_due": "1.001"}, "payroll_due"), ({"year": -1}, "year"), ({"year": 1999}, "year"),
])
def test_bad_wages_are_refused_on_the_api(client, world, project, data, field):
    start(world, project)
    client.force_login(world.users.a_data)
    sent = {"year": 2025, "month": 6, "payroll_due": "10", "paid": "10", "workers": 30, **data}
    response = post_json(client, f"/api/projects/{project.pk}/wages", sent)
    assert response.status_code == 422, response.content
    assert field in {e["field"] for e in response.json()["errors"]}
    assert not WageRecord.objects.exists()
    assert client.get(f"/projects/org/{world.a.pk}/wages/?year=2025&month=6").status_code == 200


def test_bad_project_report_form_is_a_form_error(client, world, project):
    start(world, project)
    client.force_login(world.users.a_data)
    response = client.post(f"/projects/{project.pk}/", {"form": "report", "year": 2025, "month": 6,
                                                       "month_investment": "NaN", "cumulative": "1e400"})
    assert response.status_code == 200 and "不是有限的数字" in response.content.decode()
    assert not MonthlyReport.objects.exists()


@pytest.fixture
def lead(world):
    return investment.create_lead(world.users.a_data, organisation=world.a, name="协鑫新能源", investor="协鑫集团",
                                  lead_date=date(2025, 1, 10))


@pytest.mark.parametrize("amount, said", [("1e20", "整数部分最多8位"), ("-5", "不能为负数"), ("NaN", "不是有限的数字")])
def test_signing_with_an_implausible_amount_on_the_move_form_changes_nothing(client, world, lead, amount, said):
    client.force_login(world.users.a_data)
    response = client.post(f"/investment/project/{lead.pk}/", {"action": "sign", "when": "2025-03-01",
                                                               "amount": amount, "version": lead.version})
    assert response.status_code == 200 and said in response.content.decode()
    lead.refresh_from_db()
    assert lead.amount is None and lead.state == "lead"


def test_a_move_other_than_signing_cannot_change_the_amount_without_a_reason(client, world, lead):
    investment.transition(world.users.a_data, lead, investment.SIGN, when=date(2025, 3, 1), amount="300")
    client.force_login(world.users.a_data)
    response = client.post(f"/investment/project/{lead.pk}/", {"action": "start", "when": "2025-04-01",
                                                               "amount": "-5"})
    assert response.status_code == 200
    lead.refresh_from_db()
    assert lead.amount == Decimal("300") and lead.state == "signed"


@pytest.mark.parametrize("amount", ["1e20", "-5", "Infinity"])
def test_the_investment_api_refuses_what_the_move_form_refuses(client, world, lead, amount):
    client.force_login(world.users.a_data)
    response = post_json(client, f"/api/investment/projects/{lead.pk}/steps",
                         {"action": "sign", "when": "2025-03-01", "amount": amount, "expected_version": lead.version})
    assert response.status_code == 422 and response.json()["errors"][-1]["field"] == "amount"
    assert InvestmentProject.objects.get(pk=lead.pk).amount is None
