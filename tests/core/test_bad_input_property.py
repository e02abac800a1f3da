"""Property: whatever a careless clerk or an attacker types into the numbers and texts of the main write
endpoints and forms (huge, tiny, negative, NaN, ±Infinity, many places, overlong, control characters), the
answer is never a 500, a refusal changes nothing, nothing out of range of its field is stored, and the
district's pages, exports and API lists still open afterwards."""
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.accountability import services as letters
from luoshi.accountability.models import ItemKind
from luoshi.appeals.models import Appeal
from luoshi.core.value_check import out_of_range
from luoshi.indicators.models import Actual, Target
from luoshi.inspections.models import PlannedVisit
from luoshi.investment import services as investment
from luoshi.investment.models import InvestmentProject
from luoshi.projects.models import MonthlyReport, WageRecord
from tests.appeals.conftest import frozen
from tests.projects.conftest import project, start  # noqa: F401 (the fixture)

NOW = "2025-03-03 10:00 +0800"
EXAMPLES = settings(max_examples=8, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

NUMBERS = st.one_of(
    st.sampled_from(["1e20", "1E400", "-1e400", "NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", "-5",
                     "-0.0001", "99999.123456789", "0.00000001", "1e-30", "", " ", "abc", "1,000", "12", "3.5",
                     "0", "1" * 50]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
TEXTS = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["x" * 5000, "备注" * 150, "a\x00b", "a\x01b", "\x1b[31m", "\u0085", "=HYPERLINK(\"x\")",
                     "第一行\n第二行\t完", ""]),
)
YEARS = st.sampled_from([2024, 2025, -1, 0, 1, 1999, 2101, 10000, 10**20])


@pytest.fixture(autouse=True)
def clock():
    yield from frozen(NOW)


def send(client, url, body) -> int:
    """POST JSON; never a server error."""
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code < 500, (url, body, response.content[:300])
    return response.status_code


def rows(model) -> list[dict]:
    return list(model.objects.order_by("pk").values())


def pages_still_open(client, world):
    a = world.a.pk
    for url in (f"/indicators/org/{a}/", "/indicators/export.xlsx", f"/dashboard/org/{a}/",
                f"/projects/org/{a}/list/", f"/projects/org/{a}/rollup/",
                f"/projects/org/{a}/list.xlsx", f"/investment/org/{a}/", f"/investment/org/{a}/ledger.xlsx",
                f"/appeals/org/{a}/statistics/", f"/inspections/org/{a}/monthly/",
                f"/api/indicators/organisations/{a}/overview", "/api/indicators/actuals", "/api/indicators/targets",
                f"/api/projects/districts/{a}/projects", f"/api/investment/districts/{a}/projects", "/api/appeals"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/indicators/city/{world.city.pk}/").status_code < 500  # the city's screen (if visible)
    assert out_of_range() == []


def check(client, url, model, body):
    """One write: saved whole (2xx), or refused and the table unchanged."""
    before = rows(model)
    if send(client, url, body) >= 300:
        assert rows(model) == before, body


def test_ledger_actuals_and_targets(client, world):
    client.force_login(world.users.a_data)

    @EXAMPLES
    @given(value=NUMBERS, growth=NUMBERS, note=TEXTS, year=YEARS)
    def actual(value, growth, note, year):
        check(client, "/api/indicators/actuals", Actual, {
            "organisation_id": world.a.pk, "indicator": "gdp", "year": year, "month": 12, "value": value,
            "growth_pct": growth, "note": note, "reason": "更正"})

    @EXAMPLES
    @given(wording=TEXTS | NUMBERS.map(lambda n: f"增长{n}%左右"), source=TEXTS, year=YEARS)
    def target(wording, source, year):
        check(client, "/api/indicators/targets", Target, {
            "organisation_id": world.a.pk, "indicator": "gdp", "year": year, "wording": wording, "source": source,
            "reason": "更正"})

    actual()
    target()
    pages_still_open(client, world)


def test_the_actual_form(client, world, indicator):
    client.force_login(world.users.a_data)
    url = f"/indicators/org/{world.a.pk}/indicator/{indicator('gdp').pk}/actual/"

    @EXAMPLES
    @given(value=NUMBERS, growth=NUMBERS, note=TEXTS)
    def form(value, growth, note):
        before = rows(Actual)
        response = client.post(url, {"year": 2024, "month": 12, "value": value, "unit": "亿元", "growth_pct": growth,
                                     "note": note, "reason": "更正"})
        assert response.status_code < 500
        if response.status_code != 302:
            assert rows(Actual) == before

    form()
    pages_still_open(client, world)


def test_project_reports_and_wages(client, world, project):
    start(world, project, on=date(2025, 1, 5))
    client.force_login(world.users.a_data)

    @EXAMPLES
    @given(amount=NUMBERS, total=NUMBERS, note=TEXTS, year=YEARS)
    def report(amount, total, note, year):
        check(client, f"/api/projects/{project.pk}/reports", MonthlyReport, {
            "year": year, "month": 2, "month_investment": amount, "cumulative": total, "note": note,
            "reason": "更正"})

    @EXAMPLES
    @given(due=NUMBERS, paid=NUMBERS, workers=st.integers(min_value=-10**12, max_value=10**12), year=YEARS)
    def wages(due, paid, workers, year):
        check(client, f"/api/projects/{project.pk}/wages", WageRecord, {
            "year": year, "month": 2, "payroll_due": due, "paid": paid, "workers": workers, "reason": "更正"})

    @EXAMPLES
    @given(amount=NUMBERS, total=NUMBERS)
    def form(amount, total):
        before = rows(MonthlyReport)
        response = client.post(f"/projects/{project.pk}/", {"form": "report", "year": 2025, "month": 1,
                                                           "month_investment": amount, "cumulative": total})
        assert response.status_code < 500
        if response.status_code != 302:
            assert rows(MonthlyReport) == before

    report()
    wages()
    form()
    pages_still_open(client, world)


def test_investment_moves_and_facts(client, world):
    lead = investment.create_lead(world.users.a_data, organisation=world.a, name="协鑫新能源", investor="协鑫集团",
                                  lead_date=date(2025, 1, 10))
    client.force_login(world.users.a_data)

    @EXAMPLES
    @given(amount=NUMBERS, text=TEXTS)
    def move_api(amount, text):
        check(client, f"/api/investment/projects/{lead.pk}/steps", InvestmentProject,
              {"action": "sign", "when": "2025-02-01", "amount": amount, "text": text})

    @EXAMPLES
    @given(amount=NUMBERS)
    def move_form(amount):
        before = rows(InvestmentProject)
        response = client.post(f"/investment/project/{lead.pk}/", {"action": "sign", "when": "2025-02-01",
                                                                   "amount": amount})
        assert response.status_code < 500
        if response.status_code != 302:
            assert rows(InvestmentProject) == before

    @EXAMPLES
    @given(amount=NUMBERS, name=TEXTS, sector=TEXTS, reason=TEXTS)
    def facts(amount, name, sector, reason):
        check(client, f"/api/investment/projects/{lead.pk}", InvestmentProject,
              {"amount": amount, "name": name, "sector": sector, "reason": reason})

    move_api()
    move_form()
    facts()
    pages_still_open(client, world)


def test_appeals_quiet_days_and_letter_items(client, world):
    letter = letters.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
    task = letters.add_item(world.users.a_data, letter, title="完成征迁", kind=ItemKind.TASK, weight=10)

    @EXAMPLES
    @given(title=TEXTS, description=TEXTS)
    def appeal(title, description):
        client.force_login(world.users.a_enterprise)
        check(client, "/api/appeals", Appeal, {"category": "approval", "title": title, "description": description})

    @EXAMPLES
    @given(basis=TEXTS, purpose=TEXTS)
    def visit(basis, purpose):
        client.force_login(world.users.a_unit)
        check(client, "/api/inspections/visits", PlannedVisit, {
            "enterprise_ids": [world.a_ent.pk], "date": "2025-03-10", "visit_type": "survey", "category": "other",
            "legal_basis": basis, "purpose": purpose})

    @EXAMPLES
    @given(done=NUMBERS, evidence=TEXTS)
    def task_report(done, evidence):
        from luoshi.accountability.models import TaskReport

        client.force_login(world.users.a_unit)
        check(client, f"/api/accountability/items/{task.pk}/reports", TaskReport,
              {"done_pct": done, "evidence": evidence})

    appeal()
    visit()
    task_report()
    client.force_login(world.users.a_leader)
    pages_still_open(client, world)
