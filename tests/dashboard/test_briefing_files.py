"""The briefing page, its Word file and its PDF: same text, same scope as the ledger."""
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from luoshi.indicators.services import record_actual

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture
def reported(world, indicator):
    with time_machine.travel(NOW):
        record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                      value="241.8", growth_pct="6")
        record_actual(world.users.b_data, organisation=world.b, indicator=indicator("gdp"), year=2025, month=9,
                      value="600.12", growth_pct="5.1")
    return world


@time_machine.travel(NOW)
def test_briefing_page_shows_the_computed_paragraph(client, reported):
    client.force_login(reported.users.a_leader)
    page = client.get(reverse("dashboard:briefing", args=[reported.a.pk])).content.decode()
    assert "前三季度地区生产总值完成241.8亿元,同比增长6%,累计增速居2区第一。" in page
    assert "惠济区2025年1—9月经济运行简报" in page


@time_machine.travel(NOW)
@pytest.mark.parametrize("name", ["briefing", "briefing_docx", "briefing_pdf"])
def test_district_a_cannot_get_district_b_briefing_in_any_format(client, reported, name):
    for user in ("a_leader", "a_data", "a_unit", "a_enterprise"):
        client.force_login(getattr(reported.users, user))
        assert client.get(reverse(f"dashboard:{name}", args=[reported.b.pk])).status_code == 404


@time_machine.travel(NOW)
def test_word_file_holds_the_same_paragraph_and_table(client, reported):
    client.force_login(reported.users.a_leader)
    response = client.get(reverse("dashboard:briefing_docx", args=[reported.a.pk]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert "前三季度地区生产总值完成241.8亿元,同比增长6%,累计增速居2区第一。" in texts
    assert [c.text for c in doc.tables[0].rows[1].cells][:3] == ["地区生产总值", "241.8亿元", "6%"]
    assert len(doc.inline_shapes) == 1, "the growth chart is embedded"


@time_machine.travel(NOW)
def test_pdf_is_printed_offline_from_the_same_page(client, reported):
    client.force_login(reported.users.a_leader)
    response = client.get(reverse("dashboard:briefing_pdf", args=[reported.a.pk]), {"year": 2025, "month": 9})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('.pdf"')
