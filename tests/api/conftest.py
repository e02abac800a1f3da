"""A ledger in both districts (A 惠济区, B 中原区) for the API tests, and small request helpers."""
import json

import pytest
import time_machine

from luoshi.indicators.services import record_actual, set_target

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture(autouse=True)
def fixed_now():
    """Late November 2025: September's figures are in, December's are still in the future."""
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def ledger(world, indicator):
    """2025 GDP of both districts: A's target 增长6%左右 and Sept figure 241.8 (+6%), B's 增长7%以上 and
    600.12 (+5.1%); B's figures are what district A must never see."""
    gdp = indicator("gdp")
    world.a_target = set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025,
                                wording="增长6%左右", source="惠济区政府工作报告")
    world.a_actual = record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9,
                                   value="241.8", growth_pct="6")
    world.b_target = set_target(world.users.b_data, organisation=world.b, indicator=gdp, year=2025,
                                wording="增长7%以上")
    world.b_actual = record_actual(world.users.b_data, organisation=world.b, indicator=gdp, year=2025, month=9,
                                   value="600.12", growth_pct="5.1")
    world.gdp = gdp
    return world


def as_user(client, user):
    client.force_login(user)
    return client


def post(client, url, data, **headers):
    """POST `data` as JSON (a dict, or raw text to send as it is)."""
    body = data if isinstance(data, str) else json.dumps(data)
    return client.post(url, body, content_type="application/json", **headers)


def report(client, org, month, **fields):
    """Post one GDP actual of 2025 for `org`."""
    return post(client, "/api/indicators/actuals", {"organisation_id": org.pk, "indicator": "gdp", "year": 2025,
                                                    "month": month, **fields})


def set_gdp_target(client, org, wording, **fields):
    """Post the 2025 GDP target of `org`."""
    return post(client, "/api/indicators/targets", {"organisation_id": org.pk, "indicator": "gdp", "year": 2025,
                                                    "wording": wording, **fields})
