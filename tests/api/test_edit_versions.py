"""Stale edits are refused on every editable record: a write to an existing record (a move, a 作废, an
edit, a review, a reply) must say which version it was made from; left out, the answer is 422 naming
`expected_version` and nothing changes. Create-or-revise writes of a period's figure keep "left out =
I expect none yet" (a 409 with the record someone entered meanwhile, never an overwrite)."""
import json

from luoshi.indicators.models import Actual
from tests.api.conftest import as_user, post

# The writes that may be the first record of their kind: omitting the version means "none yet".
FIRST_ENTRIES = {
    "/api/indicators/actuals", "/api/indicators/targets", "/api/projects/{project_id}/reports",
    "/api/projects/{project_id}/wages", "/api/investment/districts/{org_id}/targets",
    "/api/indicators/organisations/{org_id}/indicators/{indicator_id}/decomposition/{year}",
}


def _body_schema(openapi, op):
    ref = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
    return openapi["components"]["schemas"][ref.rsplit("/", 1)[-1]] if ref else {}


def test_every_edit_endpoint_requires_the_version_it_read_in_its_openapi_schema(client, world):
    openapi = json.loads(as_user(client, world.users.a_data).get("/api/openapi.json").content)
    optional, required = [], []
    for path, operations in openapi["paths"].items():
        for op in operations.values():
            schema = _body_schema(openapi, op)
            if "expected_version" not in schema.get("properties", {}):
                continue
            (required if "expected_version" in schema.get("required", ()) else optional).append(path)
    assert set(optional) <= FIRST_ENTRIES, set(optional) - FIRST_ENTRIES
    assert {"/api/appeals/{appeal_id}/moves", "/api/projects/reports/{report_id}/withdraw",
            "/api/indicators/actuals/{actual_id}/withdraw", "/api/investment/projects/{project_id}/steps",
            "/api/ingestion/findings/{finding_id}/accept", "/api/workplan/tasks/{task_id}/closing",
            "/api/inspections/visits/{visit_id}/moves", "/api/organisations/{org_id}/people/{profile_id}",
            "/api/investment/chains/{chain_id}/leader", "/api/investment/chain-links/{link_id}",
            "/api/investment/chain-members/{member_id}/master",
            "/api/organisations/{org_id}/people/{profile_id}/deactivate"} <= set(required)


def test_an_edit_without_the_version_it_read_is_refused_naming_the_field_and_changes_nothing(client, ledger):
    as_user(client, ledger.users.a_data)
    url = f"/api/indicators/actuals/{ledger.a_actual.pk}/withdraw"
    blind = post(client, url, {"reason": "增速录错"})
    assert blind.status_code == 422
    assert blind.json()["errors"] == [{"field": "expected_version",
                                       "message": "必须填写所读到的版本（读取该记录时的 version），以免覆盖他人的修改"}]
    assert Actual.objects.get(pk=ledger.a_actual.pk).withdrawn_at is None
    null = post(client, url, {"reason": "增速录错", "expected_version": None})
    assert null.status_code == 422 and null.json()["errors"][0]["field"] == "expected_version"
    assert post(client, url, {"reason": "增速录错", "expected_version": 1}).status_code == 200
