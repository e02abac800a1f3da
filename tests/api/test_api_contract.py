"""What every client of the API can rely on: session login with CSRF on writes, one error shape in
Chinese, and an OpenAPI document that describes it all."""
import json

import pytest
from django.test import Client

from luoshi.indicators.models import Actual
from tests.api.conftest import as_user, post, report
from tests.conftest import PASSWORD


def test_unauthenticated_api_call_is_refused(client, ledger):
    for response in (client.get("/api/indicators/targets"), client.get(f"/api/indicators/targets/{ledger.a_target.pk}"),
                     post(client, "/api/indicators/actuals", {})):
        assert response.status_code == 401
        assert response.json() == {"detail": "请先登录"}


def test_password_is_not_accepted_as_api_credentials(client, world):
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Basic a_data:{PASSWORD}")
    assert response.status_code == 401


def test_api_write_without_csrf_token_is_refused(ledger):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ledger.users.a_data)
    body = {"organisation_id": ledger.a.pk, "indicator": "gdp", "year": 2025, "month": 6, "value": "100",
            "growth_pct": "5"}
    response = post(client, "/api/indicators/actuals", body)
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not Actual.objects.filter(month=6).exists()
    client.get("/login/")  # the page that a browser would have loaded sets the token cookie
    response = post(client, "/api/indicators/actuals", body, HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    assert response.status_code == 201
    assert client.get("/api/me").status_code == 200  # reads need no token


def test_missing_and_mistyped_fields_get_422_naming_each_field(client, ledger):
    as_user(client, ledger.users.a_data)
    response = post(client, "/api/indicators/actuals", {"organisation_id": "惠济区", "indicator": "gdp", "month": 6})
    assert response.status_code == 422
    assert response.json() == {"detail": "提交的数据有误，未保存", "errors": [
        {"field": "organisation_id", "message": "应为数字"}, {"field": "year", "message": "必须填写"}]}


def test_body_that_is_not_json_is_refused_in_words(client, ledger):
    as_user(client, ledger.users.a_data)
    response = post(client, "/api/indicators/actuals", "{value: 241.8")
    assert response.status_code == 400 and response.json() == {"detail": "请求体不是有效的JSON"}


def test_openapi_docs_page_loads(client, world):
    as_user(client, world.users.a_data)
    response = client.get("/api/docs")
    assert response.status_code == 200 and b"openapi.json" in response.content


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


@pytest.fixture
def openapi(client, world):
    response = as_user(client, world.users.a_data).get("/api/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_openapi_document_is_complete_and_consistent(openapi):
    assert openapi["openapi"].startswith("3.") and openapi["info"]["title"] == "Luoshi 落实 API"
    schemas = openapi["components"]["schemas"]
    dangling = {r for r in _refs(openapi) if r.removeprefix("#/components/schemas/") not in schemas}
    assert dangling == set()
    operation_ids = []
    for path, operations in openapi["paths"].items():
        for method, op in operations.items():
            where = f"{method.upper()} {path}"
            operation_ids.append(op["operationId"])
            assert op["summary"] and op["description"] and op["tags"], where
            assert "401" in op["responses"] and {"200", "201"} & set(op["responses"]), where
            if "{" in path or method == "post":
                assert "404" in op["responses"], where
            if method == "post":
                assert {"403", "409", "422"} <= set(op["responses"]), where  # 201 where a record is created
                assert op["security"] == [{"SessionAuth": []}], where
    assert len(operation_ids) == len(set(operation_ids))
    ours = {name: s for name, s in schemas.items() if not name.startswith("Paged") and name != "Input"}
    assert [name for name, s in ours.items() if not s.get("description")] == []


def test_openapi_documents_decimals_as_strings(openapi):
    schemas = openapi["components"]["schemas"]
    assert schemas["TargetOut"]["properties"]["value"]["type"] == "string"
    assert "string" in {s["type"] for s in schemas["ActualOut"]["properties"]["value"]["anyOf"]}
    assert "string" in {s["type"] for s in schemas["ActualIn"]["properties"]["value"]["anyOf"]}
    assert set(schemas["FieldErrorsOut"]["required"]) == {"detail", "errors"}


def test_actual_reported_through_the_api_shows_on_the_page(client, ledger):
    as_user(client, ledger.users.a_data)
    assert report(client, ledger.a, 6, value="158.1", growth_pct="5.9").status_code == 201
    page = client.get(f"/indicators/org/{ledger.a.pk}/indicator/{ledger.gdp.pk}/?year=2025")
    assert page.status_code == 200 and "158.1" in page.content.decode()


def test_api_docs_are_shown_only_to_people_who_are_logged_in(client):
    assert client.get("/api/docs").status_code == 302
    assert client.get("/api/openapi.json").status_code == 302


def test_nul_characters_are_refused_with_400_on_pages_and_api(client, world):
    client.force_login(world.users.a_data)
    response = client.post("/api/indicators/actuals", '{"organisation_id": 1, "indicator": "gdp\\u0000", '
                           '"year": 2025, "month": 1}', content_type="application/json")
    assert response.status_code == 400 and "空字符" in response.json()["detail"]
    assert client.get("/api/indicators/targets", {"indicator": "a\x00b"}).status_code == 400
    assert client.get("/indicators/export.xlsx", {"year": "\x00"}).status_code == 400


def test_no_two_api_schemas_share_a_name_so_none_is_hidden_in_the_docs():
    """django-ninja keys the OpenAPI components by class name: a second schema of the same name would
    silently replace the first in /api/docs."""
    import importlib
    from pathlib import Path

    from ninja import Schema

    import luoshi

    seen: dict[str, str] = {}
    clashes = []
    for path in sorted(Path(luoshi.__file__).parent.glob("*/api.py")):
        module = importlib.import_module(f"luoshi.{path.parent.name}.api")
        for name, obj in vars(module).items():
            if isinstance(obj, type) and issubclass(obj, Schema) and obj.__module__ == module.__name__:
                if name in seen:
                    clashes.append(f"{name}: {seen[name]} and {module.__name__}")
                seen[name] = module.__name__
    assert clashes == []
