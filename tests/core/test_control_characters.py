"""NUL and other control characters are refused by content, whatever the Content-Type, with a 400 that
says which character and where; tabs and line breaks of multi-line text pass."""
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi.core.middleware import forbidden_character
from luoshi.indicators.models import Actual


def actual_body(note: str) -> str:
    return json.dumps({"organisation_id": 1, "indicator": "gdp", "year": 2025, "month": 1, "value": "1",
                       "note": note})


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "application/octet-stream", ""])
@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x85"])
def test_json_with_a_control_character_is_refused_whatever_its_content_type(client, world, content_type, char):
    client.force_login(world.users.a_data)
    response = client.post("/api/indicators/actuals", actual_body(f"备注{char}"), content_type=content_type)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert f"U+{ord(char):04X}" in detail and "note" in detail
    assert ("空字符" if char == "\x00" else "控制字符") in detail
    assert not Actual.objects.exists()


def test_a_raw_nul_byte_in_a_text_body_is_refused(client, world):
    client.force_login(world.users.a_data)
    response = client.post("/api/indicators/actuals", b'{"note": "a\x00b"}', content_type="text/plain")
    assert response.status_code == 400 and "U+0000" in response.json()["detail"]


def test_a_form_field_with_a_control_character_is_a_400_page(client, world, indicator):
    client.force_login(world.users.a_data)
    url = f"/indicators/org/{world.a.pk}/indicator/{indicator('gdp').pk}/actual/"
    response = client.post(url, {"year": 2025, "month": 9, "value": "1", "note": "备\x08注"})
    assert response.status_code == 400
    assert not Actual.objects.exists()


def test_a_multipart_form_field_is_read_too_but_the_file_is_left_to_its_reader(client, world):
    client.force_login(world.users.a_data)
    upload = SimpleUploadedFile("a.xlsx", b"PK\x03\x04\x00\x00binary")
    response = client.post("/indicators/upload/", {"file": upload, "comment": "x\x00"})
    assert response.status_code == 400
    upload = SimpleUploadedFile("a.xlsx", b"PK\x03\x04\x00\x00binary")
    assert client.post("/indicators/upload/", {"file": upload}).status_code == 200  # refused by the reader, not here


def test_a_query_with_a_control_character_is_refused(client, world):
    client.force_login(world.users.a_leader)
    assert client.get("/api/indicators/targets", {"indicator": "a\x01b"}).status_code == 400
    assert client.get(f"/indicators/org/{world.a.pk}/", {"year": "2025\x00"}).status_code == 400


def test_tabs_and_line_breaks_of_multi_line_text_pass():
    assert forbidden_character("第一行\r\n第二行\t完") is None
    assert forbidden_character("“增长6%左右”、全角 ,。") is None
    assert forbidden_character("a\x0bb") == "\x0b"


def test_an_escaped_backslash_u_is_text_not_a_control_character(client, world):
    client.force_login(world.users.a_data)
    response = client.post("/api/indicators/actuals", actual_body("路径 C:\\u0000"), content_type="application/json")
    assert response.status_code != 400
