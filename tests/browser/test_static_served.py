"""Smoke test of the browser plumbing: the live server serves the vendored static files and the
Chinese login page renders in Debian's chromium without console errors."""
import re
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.browser
def test_static_files_and_login_page(live_server, browser_page):
    page = browser_page

    echarts = page.request.get(f"{live_server.url}/static/vendor/echarts.min.js")
    assert echarts.status == 200
    assert "javascript" in echarts.headers["content-type"]
    assert len(echarts.body()) > 100_000  # the real minified bundle, not an error page

    response = page.goto(f"{live_server.url}/login/")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    heading = page.locator("h1")
    assert heading.is_visible()
    assert CJK.search(heading.inner_text()), heading.inner_text()
    assert "登录" in page.locator("body").inner_text()
    assert page.locator("input[name=username]").is_visible()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "login.png"), full_page=True)
    assert page.console_errors == []
