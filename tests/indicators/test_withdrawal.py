"""A wrong figure is withdrawn (作废) with a reason — by the form and by the API — and stays in the
database and in history, while statuses, ranks, the overview and briefings stop counting it at once.
A month not yet over is refused on every path."""
import json
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from luoshi.core.periods import Period
from luoshi.dashboard.briefing import compose
from luoshi.indicators import selectors
from luoshi.indicators.models import Actual
from luoshi.indicators.ranking import ranking
from luoshi.indicators.services import LedgerError, record_actual, set_target, withdraw_actual
from tests.conftest import xlsx_upload

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def ledger(world, indicator):
    """A's October industrial value added was typed wrong (9.9% instead of 5.0%): it puts A first, ahead
    of B's 6.0%. (Named gdp below for brevity: any monthly indicator.)"""
    gdp = indicator("industrial_va")
    set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长6%左右")
    record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9, value="240",
                  growth_pct="5.8")
    world.wrong = record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=10,
                                value="300", growth_pct="9.9")
    record_actual(world.users.b_data, organisation=world.b, indicator=gdp, year=2025, month=10, value="600",
                  growth_pct="6.0")
    world.gdp = gdp
    return world


def _overview_row(org, gdp):
    return next(r for r in selectors.overview(org, 2025) if r.indicator == gdp)


def test_withdrawn_figure_stays_in_the_database_and_history_with_who_and_why(ledger):
    w = ledger
    withdraw_actual(w.users.a_data, w.wrong, reason="误将增速9.9%录入,应为5.0%")
    kept = Actual.all_objects.get(pk=w.wrong.pk)
    assert kept.is_withdrawn and kept.withdrawn_by == w.users.a_data
    assert kept.withdrawn_reason == "误将增速9.9%录入,应为5.0%"
    assert kept.value == Decimal("300")
    last = kept.history.order_by("-history_date").first()
    assert last.history_change_reason == "作废：误将增速9.9%录入,应为5.0%" and last.history_user == w.users.a_data
    assert not Actual.objects.filter(pk=w.wrong.pk).exists()


def test_status_overview_and_rank_follow_the_withdrawal_at_once(ledger):
    w = ledger
    before = _overview_row(w.a, w.gdp)
    assert (before.latest.month, before.rank) == (10, 1)
    assert [r.name for r in ranking(w.city.pk, w.gdp.pk, Period(2025, 10))] == ["惠济区", "中原区"]
    withdraw_actual(w.users.a_data, w.wrong, reason="增速录错")
    after = _overview_row(w.a, w.gdp)
    assert after.latest.month == 9 and after.latest.growth_pct == Decimal("5.8")
    assert "5.8" in after.status.reason
    assert [r.name for r in ranking(w.city.pk, w.gdp.pk, Period(2025, 10))] == ["中原区"]


def test_briefing_stops_citing_the_withdrawn_figure(ledger):
    w = ledger
    assert "9.9%" in compose(w.a, Period(2025, 10)).text
    withdraw_actual(w.users.a_data, w.wrong, reason="增速录错")
    text = compose(w.a, Period(2025, 10)).text
    assert "9.9%" not in text


def test_the_period_can_be_reported_afresh_after_withdrawal(ledger):
    w = ledger
    withdraw_actual(w.users.a_data, w.wrong, reason="增速录错")
    fresh = record_actual(w.users.a_data, organisation=w.a, indicator=w.gdp, year=2025, month=10, value="300",
                          growth_pct="5.0")
    assert fresh.pk != w.wrong.pk
    assert _overview_row(w.a, w.gdp).latest.growth_pct == Decimal("5.0")
    assert Actual.all_objects.filter(organisation=w.a, indicator=w.gdp, year=2025, month=10).count() == 2


def test_withdrawal_without_a_reason_is_refused_and_changes_nothing(ledger):
    w = ledger
    with pytest.raises(LedgerError, match="作废实绩须填写原因"):
        withdraw_actual(w.users.a_data, w.wrong, reason="   ")
    with pytest.raises(LedgerError, match="作废原因"):
        withdraw_actual(w.users.a_data, w.wrong, reason="长" * 201)
    assert Actual.objects.get(pk=w.wrong.pk).version == 1


def test_withdrawing_twice_is_idempotent(ledger):
    w = ledger
    first = withdraw_actual(w.users.a_data, w.wrong, reason="增速录错")
    again = withdraw_actual(w.users.a_data, w.wrong, reason="再点一次")
    assert (again.version, again.withdrawn_reason) == (first.version, "增速录错")


def test_withdraw_form_needs_a_reason_and_the_overview_changes(client, ledger):
    w = ledger
    client.force_login(w.users.a_data)
    url = reverse("indicators:actual_withdraw", args=[w.a.pk, w.gdp.pk, w.wrong.pk])
    refused = client.post(url, {"reason": "", "version": 1})
    assert refused.status_code == 200 and "作废原因" in refused.content.decode()
    assert Actual.objects.filter(pk=w.wrong.pk).exists()
    done = client.post(url, {"reason": "增速录错", "version": 1})
    assert done.status_code == 302
    overview = client.get(reverse("indicators:overview", args=[w.a.pk]), {"year": 2025}).content.decode()
    assert "9.9%" not in overview and "5.8%" in overview
    detail = client.get(reverse("indicators:detail", args=[w.a.pk, w.gdp.pk]), {"year": 2025}).content.decode()
    assert "已作废的数据" in detail and "增速录错" in detail


def test_stale_withdraw_form_is_refused_showing_the_newer_figure(client, ledger):
    w = ledger
    record_actual(w.users.a_data, organisation=w.a, indicator=w.gdp, year=2025, month=10, value="301",
                  growth_pct="5.0", reason="统计局更正")
    client.force_login(w.users.a_data)
    page = client.post(reverse("indicators:actual_withdraw", args=[w.a.pk, w.gdp.pk, w.wrong.pk]),
                       {"reason": "增速录错", "version": 1}).content.decode()
    assert "已被他人修改" in page
    assert Actual.objects.get(pk=w.wrong.pk).value == Decimal("301")


def _api_withdraw(client, actual_id, body):
    return client.post(f"/api/indicators/actuals/{actual_id}/withdraw", json.dumps(body),
                       content_type="application/json")


def test_api_withdraws_with_a_reason_and_keeps_the_record_readable(client, ledger):
    w = ledger
    client.force_login(w.users.a_data)
    assert _api_withdraw(client, w.wrong.pk, {"reason": "", "expected_version": 1}).status_code == 422
    answer = _api_withdraw(client, w.wrong.pk, {"reason": "增速录错", "expected_version": 1})
    assert answer.status_code == 200
    body = answer.json()
    assert body["withdrawn"] is True and body["withdrawn_reason"] == "增速录错"
    assert client.get(f"/api/indicators/actuals/{w.wrong.pk}").json()["withdrawn"] is True
    listed = client.get("/api/indicators/actuals", {"organisation": w.a.pk, "month": 10}).json()["items"]
    assert listed == []
    listed = client.get("/api/indicators/actuals", {"organisation": w.a.pk, "month": 10,
                                                    "include_withdrawn": True}).json()["items"]
    assert [a["id"] for a in listed] == [w.wrong.pk]


def test_api_withdraw_with_a_stale_version_answers_409(client, ledger):
    w = ledger
    client.force_login(w.users.a_data)
    answer = _api_withdraw(client, w.wrong.pk, {"reason": "增速录错", "expected_version": 7})
    assert answer.status_code == 409 and not Actual.all_objects.get(pk=w.wrong.pk).is_withdrawn


def test_district_b_cannot_withdraw_district_a_figures_by_guessed_id(client, ledger):
    w = ledger
    client.force_login(w.users.b_data)
    assert _api_withdraw(client, w.wrong.pk, {"reason": "恶意作废", "expected_version": 1}).status_code == 404
    page = client.post(reverse("indicators:actual_withdraw", args=[w.a.pk, w.gdp.pk, w.wrong.pk]),
                       {"reason": "恶意作废"})
    assert page.status_code == 404
    b_org_url = reverse("indicators:actual_withdraw", args=[w.b.pk, w.gdp.pk, w.wrong.pk])
    assert client.post(b_org_url, {"reason": "恶意作废", "expected_version": 1}).status_code == 404
    assert not Actual.all_objects.get(pk=w.wrong.pk).is_withdrawn


def test_a_leader_who_reads_cannot_withdraw(client, ledger):
    w = ledger
    client.force_login(w.users.a_leader)
    assert _api_withdraw(client, w.wrong.pk, {"reason": "增速录错", "expected_version": 1}).status_code == 403
    assert client.post(reverse("indicators:actual_withdraw", args=[w.a.pk, w.gdp.pk, w.wrong.pk]),
                       {"reason": "增速录错", "expected_version": 1}).status_code == 403
    assert not Actual.all_objects.get(pk=w.wrong.pk).is_withdrawn


# --- a month not yet over ---------------------------------------------------------------------------

def test_the_running_month_is_refused_by_the_service_form_api_and_excel(client, world, indicator, settings):
    settings.LUOSHI = {**settings.LUOSHI, "EARLY_REPORT_DAY": None}
    gdp = indicator("industrial_va")
    with pytest.raises(LedgerError, match="2025年11月尚未结束"):
        record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=11, value="1")
    client.force_login(world.users.a_data)
    form = client.post(reverse("indicators:actual_edit", args=[world.a.pk, gdp.pk]),
                       {"year": 2025, "month": 11, "value": "1", "unit": gdp.unit}).content.decode()
    assert "2025年11月尚未结束" in form
    api = client.post("/api/indicators/actuals", json.dumps({"organisation_id": world.a.pk, "indicator": gdp.code,
                                                             "year": 2025, "month": 11, "value": "1"}),
                      content_type="application/json")
    assert api.status_code == 422 and "2025年11月尚未结束" in api.json()["errors"][0]["message"]
    upload = xlsx_upload({"月度实绩": (["单位", "指标", "年度", "月份", "累计值", "计量单位", "同比增长(%)"],
                                       [["惠济区", gdp.name, 2025, 11, 1, gdp.unit, 5]])})
    page = client.post(reverse("indicators:upload"), {"file": upload}).content.decode()
    assert "2025年11月尚未结束" in page
    assert not Actual.objects.filter(year=2025, month=11).exists()


def test_early_report_day_admits_flash_figures_of_the_running_month(world, indicator, settings):
    settings.LUOSHI = {**settings.LUOSHI, "EARLY_REPORT_DAY": 20}
    saved = record_actual(world.users.a_data, organisation=world.a, indicator=indicator("industrial_va"),
                          year=2025, month=11, value="1", growth_pct="5")
    assert saved.pk
    with pytest.raises(LedgerError, match="2025年12月尚未到来"):
        record_actual(world.users.a_data, organisation=world.a, indicator=indicator("industrial_va"),
                      year=2025, month=12, value="2")
