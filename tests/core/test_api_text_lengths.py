"""The API bounds text as the forms do, from the model's column: a 5,000-character note for a 200-character
column is refused with 422 naming the field and the limit, and nothing is saved or cut short."""
import json

import pytest
import time_machine

from luoshi.indicators.models import Actual
from luoshi.investment.models import InvestmentProject

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW):
        yield


def _request_strings(schema: dict, components: dict, path=""):
    """Every string property of a request body schema, with its maxLength (None if unbounded)."""
    if "$ref" in schema:
        yield from _request_strings(components[schema["$ref"].rsplit("/", 1)[1]], components, path)
        return
    for option in schema.get("anyOf", []):
        yield from _request_strings(option, components, path)
    if schema.get("type") == "string" and "format" not in schema and "enum" not in schema:
        yield path, schema.get("maxLength")
    for name, prop in schema.get("properties", {}).items():
        yield from _request_strings(prop, components, f"{path}.{name}")


def test_every_text_field_of_every_api_write_has_a_length_limit(db):
    from luoshi.api import api

    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    unbounded = []
    for url, operations in document["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None:
                continue
            for where, limit in _request_strings(body["schema"], components):
                if limit is None:
                    unbounded.append(f"{method.upper()} {url} {where}")
    assert not unbounded, unbounded


def test_a_5000_character_note_is_refused_with_the_limit_named(client, world):
    client.force_login(world.users.a_data)
    response = client.post("/api/indicators/actuals", json.dumps({
        "organisation_id": world.a.pk, "indicator": "gdp", "year": 2025, "month": 9, "value": "10",
        "note": "很长的备注" * 1000}), content_type="application/json")
    assert response.status_code == 422
    assert {"field": "note", "message": "最多200字"} in response.json()["errors"]
    assert not Actual.objects.exists()


def test_a_long_lead_name_is_refused_not_cut(client, world):
    client.force_login(world.users.a_data)
    response = client.post(f"/api/investment/districts/{world.a.pk}/projects", json.dumps({
        "name": "项" * 201, "investor": "某集团", "lead_date": "2025-03-01"}), content_type="application/json")
    assert response.status_code == 422 and response.json()["errors"][0]["message"] == "最多200字"
    assert not InvestmentProject.objects.exists()
