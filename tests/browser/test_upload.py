"""Data staff upload an Excel file in Debian chromium: a bad file shows every error by row and column
and saves nothing; the corrected file is saved and the page says how many records were written."""
import io
from decimal import Decimal

import pytest
import time_machine
from openpyxl import Workbook

from luoshi.indicators.models import Actual
from tests.browser.conftest import log_in

HEADER = ["单位", "指标", "年度", "月份", "累计值", "计量单位", "同比增长(%)"]


def xlsx(rows) -> bytes:
    wb = Workbook()
    wb.active.title = "月度实绩"
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(page, name: str, content: bytes):
    page.set_input_files("input[type=file]", files=[{
        "name": name, "buffer": content,
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.click("button[type=submit]")


@pytest.mark.browser
def test_staff_uploads_bad_file_sees_errors_then_good_file_is_saved(live_server, browser_page, transactional_db,
                                                                    world):
    page = browser_page
    with time_machine.travel("2025-11-24 10:00 +0800", tick=True):
        log_in(page, live_server, "a_data")
        page.goto(f"{live_server.url}/indicators/upload/")
        assert page.locator("a[href$='template.xlsx']").count() == 1

        upload(page, "bad.xlsx", xlsx([["惠济区", "地区生产总值", 2025, 9, "241.8", "亿元", 6],
                                       ["中原区", "地区生产总值", 2025, 9, "600", "亿元", 5]]))
        page.wait_for_selector("#upload-result .errors")
        errors = page.locator("#upload-result .errors").inner_text()
        assert "发现1处错误，文件中的数据全部未保存" in errors
        assert "月度实绩\t3\tA(单位)\t未知单位或无权填报：“中原区”" in errors
        assert not Actual.objects.exists()

        upload(page, "good.xlsx", xlsx([["惠济区", "地区生产总值", 2025, 9, "241.8", "亿元", 6]]))
        page.wait_for_selector("#upload-result .flash.success")
        assert "新增实绩1条" in page.locator("#upload-result").inner_text()
    assert Actual.objects.get().value == Decimal("241.8")
    assert page.console_errors == []
