"""Issue 13's attacks replayed as the careless clerk would make them, on the demo city as `load_demo`
builds it: logged in as huiji_data (惠济区's data staff), through the API and the pages, each refused with
the field named, nothing saved, and every page that reads the figures still opening."""
import json

import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.indicators.models import Actual
from luoshi.ingestion.models import SourceDocument
from tests.conftest import DEMO_NOW


def _as_huiji_data(client):
    client.force_login(get_user_model().objects.get(username="huiji_data"))


def _pages_reading_huiji(demo) -> list[str]:
    huiji = demo["惠济区"]
    return [f"/indicators/org/{huiji.pk}/", f"/dashboard/org/{huiji.pk}/", "/indicators/export.xlsx",
            "/api/indicators/actuals", f"/api/indicators/organisations/{huiji.pk}/overview"]


def test_huiji_data_posting_1e20_nan_or_a_bad_year_saves_nothing_and_every_page_still_opens(demo, client):
    with time_machine.travel(DEMO_NOW, tick=False):
        _as_huiji_data(client)
        huiji = demo["惠济区"]
        before = Actual.all_objects.count()
        for field, value in [("value", "1e20"), ("value", "NaN"), ("value", "Infinity"),
                             ("value", "99999.123456789"), ("year", -1), ("year", 1), ("year", 1999),
                             ("year", 10000), ("year", 99999999999999999999), ("note", "注" * 5000)]:
            body = {"organisation_id": huiji.pk, "indicator": "gdp", "year": 2026, "month": 9, "value": "100",
                    "growth_pct": "5", "reason": "更正", field: value}
            answer = client.post("/api/indicators/actuals", json.dumps(body), content_type="application/json")
            assert answer.status_code == 422, (field, value, answer.status_code)
            named = {field, str(Actual._meta.get_field(field).verbose_name)}  # by parameter or by label
            assert named & {e["field"] for e in answer.json()["errors"]}, (field, value, answer.json())
        assert Actual.all_objects.count() == before
        for url in _pages_reading_huiji(demo):
            assert client.get(url).status_code == 200, url
        client.force_login(get_user_model().objects.get(username="city_admin"))  # the city's one-screen
        assert client.get(f"/dashboard/org/{huiji.parent_id}/").status_code == 200
        _as_huiji_data(client)
        for year in ("10000", "99999999999999999999", "-1"):
            assert client.get(f"/indicators/org/{huiji.pk}/", {"year": year}).status_code in (200, 400), year


def test_a_12_mb_txt_report_is_refused_at_the_default_upload_limit_and_nothing_is_stored(demo, client):
    with time_machine.travel(DEMO_NOW, tick=False):
        _as_huiji_data(client)
        before = SourceDocument.objects.count()
        big = SimpleUploadedFile("工作报告.txt", "全年地区生产总值增长6%左右。".encode() * 300_000)  # 12.6 MB
        page = client.post(reverse("ingestion:documents"), {"organisation": demo["惠济区"].pk, "title": "报告",
                                                            "file": big})
        assert page.status_code == 200 and "超过10MB上限" in page.content.decode()
        assert SourceDocument.objects.count() == before
