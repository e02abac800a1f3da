"""Property: whatever a careless clerk or an attacker types into the numbers, texts and dates of the main
write endpoints and forms (huge, tiny, negative, NaN, ±Infinity, many places, overlong, control characters;
dates of the year 1, 1999, 2101, 99999 or no date at all), the answer is never a 500, a refusal changes
nothing, nothing out of range of its field is stored, and the district's pages, exports and API lists
still open afterwards."""
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from luoshi.accountability import services as letters
from luoshi.accountability.models import ItemKind
from luoshi.appeals.models import Appeal
from luoshi.core.dates import DATE_MAX, DATE_MIN
from luoshi.core.value_check import is_date, out_of_range
from luoshi.indicators.models import Actual, Target
from luoshi.inspections.models import PlannedVisit, UnannouncedVisitReport
from luoshi.investment import services as investment
from luoshi.investment.models import InvestmentProject
from luoshi.organisations.models import Role
from luoshi.projects.models import Milestone, MonthlyReport, Project, ProjectApproval, WageRecord
from luoshi.workplan import services as workplan
from luoshi.workplan.models import Notice
from tests.appeals.conftest import frozen
from tests.conftest import make_user
from tests.projects.conftest import prepare, project, start  # noqa: F401 (the fixture)

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


def bad_days(**others):
    """Explicit examples every run tries, whatever is generated: the dates issue 13 found stored."""
    def add(test):
        for day in ("99999-01-01", "0001-01-01", "1999-12-31"):
            test = example(day=day, **others)(test)
        return test
    return add


DATES = st.one_of(
    st.sampled_from(["0001-01-01", "1999-12-31", "2101-01-01", "99999-01-01", "9999-12-31", "-1-01-01",
                     "2025-02-30", "2025-13-01", "明年", "2025/2/1", "2025年2月1日", "2025-02-01", "2000-01-01",
                     "", " ", "a\x00b", "1e20", "2" * 50]),
    st.dates().map(date.isoformat),
)


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


def dates_in_range(model, sent):
    """Every date of the table in 2000–2100, checked after each accepted write (a later write may hide it)."""
    fields = [f for f in model._meta.concrete_fields if is_date(f)]
    for row in model.objects.values(*[f.attname for f in fields]):
        assert all(v is None or DATE_MIN <= v <= DATE_MAX for v in row.values()), (sent, row)


def current(model, pk) -> int:
    """The record's version as a client has it from its last read (every edit posts it)."""
    return model.objects.get(pk=pk).version


def check(client, url, model, body):
    """One write: saved whole (2xx), or refused and the table unchanged."""
    before = rows(model)
    if send(client, url, body) >= 300:
        assert rows(model) == before, body
    dates_in_range(model, body)


def check_form(client, url, model, data):
    """One page form: saved (302), or refused with the page again and the table unchanged; never a 500."""
    before = rows(model)
    response = client.post(url, data)
    assert response.status_code < 500, (url, data)
    if response.status_code != 302:
        assert rows(model) == before, data
    dates_in_range(model, data)


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
              {"action": "sign", "when": "2025-02-01", "amount": amount, "text": text,
               "expected_version": current(InvestmentProject, lead.pk)})

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
              {"amount": amount, "name": name, "sector": sector, "reason": reason,
               "expected_version": current(InvestmentProject, lead.pk)})

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


def test_dates_of_approvals_milestones_and_project_moves(client, world, project):
    prepare(world, project)
    approval = project.approvals.first()
    client.force_login(world.users.a_data)
    url = f"/projects/{project.pk}/"

    @EXAMPLES
    @given(day=DATES)
    @bad_days()
    def approval_api(day):
        check(client, f"/api/projects/{project.pk}/approvals/{approval.pk}", ProjectApproval, {
            "status": "done", "done_date": day, "document": "郑惠发改〔2025〕3号",
            "expected_version": current(ProjectApproval, approval.pk)})

    @EXAMPLES
    @given(day=DATES, status=st.sampled_from(["done", "waived", "pending", "x"]), stale=st.booleans())
    @bad_days(status="done", stale=False)
    def approval_form(day, status, stale):
        check_form(client, url, ProjectApproval, {
            "form": "approval", "approval": approval.pk, "status": status, "done_date": day,
            "document": "郑惠发改〔2025〕3号", "waiver_reason": "既有厂房",
            "version": current(ProjectApproval, approval.pk) - stale})

    @EXAMPLES
    @given(due=DATES, reached=DATES, title=TEXTS)
    @example(due="1999-12-31", reached="1999-12-31", title="实质性开工")
    @example(due="2025-12-31", reached="0001-01-01", title="实质性开工")
    def milestones(due, reached, title):
        check(client, f"/api/projects/{project.pk}/milestones", Milestone, {"title": title, "due_date": due})
        check_form(client, url, Milestone, {"form": "milestone", "title": "实质性开工", "due_date": due})
        for m in Milestone.objects.filter(project=project, reached_on__isnull=True)[:1]:
            check_form(client, url, Milestone, {"form": "reach", "milestone": m.pk, "reached_on": reached})

    @EXAMPLES
    @given(day=DATES)
    @bad_days()
    def move_form(day):
        check_form(client, url, Project, {"form": "move", "action": "start", "when": day,
                                          "version": current(Project, project.pk)})

    @EXAMPLES
    @given(day=DATES)
    @bad_days()
    def move_api(day):
        check(client, f"/api/projects/{project.pk}/moves", Project, {"action": "complete", "when": day,
                                                                     "expected_version": current(Project, project.pk)})

    approval_api()
    approval_form()
    milestones()
    move_form()
    move_api()
    pages_still_open(client, world)


def test_dates_of_leads_visits_reports_and_statistics(client, world):
    lead = investment.create_lead(world.users.a_data, organisation=world.a, name="协鑫新能源", investor="协鑫集团",
                                  lead_date=date(2025, 1, 10))

    @EXAMPLES
    @given(day=DATES, signed=DATES)
    @example(day="1999-12-31", signed="2101-01-01")
    @example(day="0001-01-01", signed="99999-01-01")
    def leads(day, signed):
        client.force_login(world.users.a_data)
        check(client, f"/api/investment/districts/{world.a.pk}/projects", InvestmentProject,
              {"name": "新线索", "investor": "某集团", "lead_date": day})
        check_form(client, f"/investment/org/{world.a.pk}/new/", InvestmentProject, {
            "investor": "某集团", "name": "新线索", "method": "precise", "lead_date": day})
        check(client, f"/api/investment/projects/{lead.pk}/steps", InvestmentProject,
              {"action": "sign", "when": signed, "amount": "300",
               "expected_version": current(InvestmentProject, lead.pk)})
        check_form(client, f"/investment/project/{lead.pk}/", InvestmentProject,
                   {"action": "sign", "when": signed, "amount": "300"})

    @EXAMPLES
    @given(day=DATES)
    @bad_days()
    def visits(day):
        client.force_login(world.users.a_unit)
        body = {"enterprises": [world.a_ent.pk], "visit_type": "survey", "category": "other", "legal_basis": "统计法"}
        check(client, "/api/inspections/visits", PlannedVisit,
              {**body, "enterprise_ids": body.pop("enterprises"), "date": day})
        check_form(client, "/inspections/visits/new/", PlannedVisit,
                   {**body, "enterprises": [world.a_ent.pk], "date": day})
        assert client.get("/inspections/visits/verdict/", {"date": day, "category": "other"}).status_code == 200
        client.force_login(world.users.a_enterprise)
        check(client, "/api/inspections/reports", UnannouncedVisitReport,
              {"visit_date": day, "department_name": "某局", "description": "未出示报备"})

    @EXAMPLES
    @given(start=DATES, end=DATES)
    def statistics(start, end):
        client.force_login(world.users.a_leader)
        for url in (f"/appeals/org/{world.a.pk}/statistics/", f"/api/appeals/districts/{world.a.pk}/statistics"):
            assert client.get(url, {"date_from": start, "date_to": end}).status_code in (200, 400, 422)

    leads()
    visits()
    statistics()
    client.force_login(world.users.a_leader)
    pages_still_open(client, world)


def test_replies_to_a_notice_with_any_text_and_version(client, world):
    supervisor = make_user("a_sup", Role.SUPERVISION, world.a)
    plan = workplan.create_plan(supervisor, organisation=world.a, year=2025, title="十项工作")
    task = workplan.create_task(supervisor, plan, workplan.TaskInput(
        title="收储土地", lead_unit=world.a_unit, deadline=date(2025, 12, 31)))
    notice = workplan.issue_notice(supervisor, task, kind="urge", text="请说明进度", reply_days=3)
    client.force_login(world.users.a_unit)

    @EXAMPLES
    @given(text=TEXTS, version=st.sampled_from([None, 0, 1, 2, -1, 10**20, "x"]))
    def reply(text, version):
        check(client, f"/api/workplan/notices/{notice.pk}/replies", Notice, {"text": text, "expected_version": version})
        check_form(client, f"/workplan/notice/{notice.pk}/reply/", Notice, {"text": text, "version": version or ""})

    reply()
    client.force_login(world.users.a_leader)
    pages_still_open(client, world)
