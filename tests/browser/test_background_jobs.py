"""Long work in the browser: the page shows a progress indicator that htmx polls (no inline script),
the worker does the work, and the page turns into the result by itself — a large upload's counts, a
briefing's download."""
import io

import pytest
import time_machine
from django.core.management import call_command
from docx import Document

from luoshi.indicators.models import Actual
from luoshi.indicators.services import record_actual
from tests.browser.conftest import log_in
from tests.browser.test_upload import upload, xlsx

NOW = "2025-11-24 10:00 +0800"


def run_worker():
    call_command("worker", "--batch", "--no-beat", verbosity=0)


@pytest.mark.browser
def test_a_large_upload_shows_progress_then_the_saved_counts(live_server, browser_page, transactional_db, world,
                                                              settings):
    settings.LUOSHI = {**settings.LUOSHI, "BACKGROUND_IMPORT_ROWS": 0}
    page = browser_page
    with time_machine.travel(NOW, tick=True):
        log_in(page, live_server, "a_data")
        page.goto(f"{live_server.url}/indicators/upload/")
        upload(page, "good.xlsx", xlsx([["惠济区", "地区生产总值", 2025, 9, "241.8", "亿元", 6]]))
        page.wait_for_selector("#upload-result progress")
        assert "排队中" in page.locator("#upload-result").inner_text() and not Actual.objects.exists()
        run_worker()
        page.wait_for_selector("#upload-result .flash.success")  # the polling brought the result in
        assert "新增实绩1条" in page.locator("#upload-result").inner_text()
    assert Actual.objects.count() == 1
    assert page.console_errors == []


@pytest.mark.browser
def test_a_briefing_word_file_is_made_in_the_background_and_downloaded(live_server, browser_page, transactional_db,
                                                                       world, indicator):
    page = browser_page
    with time_machine.travel(NOW, tick=True):
        record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                      value="241.8", growth_pct="6")
        log_in(page, live_server, "a_leader")
        page.goto(f"{live_server.url}/dashboard/org/{world.a.pk}/briefing/?year=2025&month=9")
        page.click("text=生成Word")
        page.wait_for_selector("#briefing-file-jobs .job progress")
        run_worker()
        link = page.wait_for_selector("#briefing-file-jobs a.button.primary")
        with page.expect_download() as download:
            link.click()
        data = open(download.value.path(), "rb").read()
    assert "前三季度地区生产总值完成241.8亿元" in "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert page.console_errors == []
