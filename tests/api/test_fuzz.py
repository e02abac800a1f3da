"""The OpenAPI is fuzzed with schemathesis: whatever a client sends to any operation, the answer is
never a server error (500). Requests go through Django's test client as a logged-in data user of
district A, CSRF checks off so that generated bodies reach validation."""
import json
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.core import NotSet

from luoshi.api import api

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def fuzz_client(world):
    client = Client()
    client.force_login(world.users.a_data)
    return client


def send(client: Client, case):
    path = case.formatted_path + ("?" + urlencode(case.query or {}, doseq=True) if case.query else "")
    if isinstance(case.body, NotSet) or case.body is None:
        data = ""
    elif isinstance(case.body, (bytes, str)):
        data = case.body
    else:
        data = json.dumps(case.body)
    return client.generic(case.method.upper(), path, data=data, content_type="application/json")


@SCHEMA.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_no_api_operation_answers_500_whatever_it_is_sent(case, fuzz_client):
    response = send(fuzz_client, case)
    assert response.status_code < 500, (case.method, case.formatted_path, case.query, case.body,
                                        response.content[:500])
    if response.status_code != 405:  # a method the operation does not have: Django's plain answer
        assert response["Content-Type"].startswith("application/json"), (response.status_code, case.formatted_path)
