"""Browser tests: Playwright driving Debian's chromium (/usr/bin/chromium) against pytest-django's
live_server. A browser is never downloaded; `bash scripts/test.sh` apt-installs chromium.

Write browser tests as

    @pytest.mark.browser
    def test_something(live_server, browser_page):
        browser_page.goto(live_server.url + "/login/")
        ...
        assert browser_page.console_errors == []

`browser_page` is a fresh page (own context: zh-CN, Asia/Shanghai) whose `console_errors` list
collects console errors (including failed resource loads, except chromium's own /favicon.ico probe)
and uncaught page exceptions. When a test
fails, a screenshot of its page is saved to test-artifacts/<test name>.png.
"""
import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in the main thread for the rest of the session,
# which trips Django's async-unsafe check on every later ORM call from the test thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser must be marked `browser` and use `live_server`."""
    for item in items:
        if HERE not in Path(str(item.path)).resolve().parents:
            continue
        if item.get_closest_marker("browser") is None:
            raise pytest.UsageError(f"{item.nodeid}: browser tests must be marked @pytest.mark.browser")
        if "live_server" not in item.fixturenames:
            raise pytest.UsageError(f"{item.nodeid}: browser tests must use the live_server fixture")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item so browser_page can tell whether the test failed.
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def _chromium():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: run `bash scripts/test.sh` (apt-installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def browser_page(_chromium, request):
    context = _chromium.new_context(locale="zh-CN", timezone_id="Asia/Shanghai",
                                    viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console_errors = []

    def on_console(msg):
        url = msg.location.get("url", "")
        # Chromium fetches /favicon.ico by itself whenever a page declares no icon; that 404 is not
        # the page's error.
        if msg.type == "error" and not url.endswith("/favicon.ico"):
            page.console_errors.append(f"console: {msg.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: page.console_errors.append(f"pageerror: {exc}"))
    yield page
    report = getattr(request.node, "_report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception:  # a crashed page must not hide the real failure
            pass
    context.close()


def log_in(page, live_server, username: str, landing: str = "**/indicators/org/*/"):
    """Log in through the real login form, as a person would, and wait for the landing page (staff land
    on their overview; pass `landing` for other roles, e.g. an enterprise's home "**/")."""
    from tests.conftest import PASSWORD

    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(landing)


@pytest.fixture
def demo_loaded(transactional_db):
    """The demo city as `load_demo` builds it, in the live server's database."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


def log_in_demo(page, live_server, username: str):
    """Log in as a demo login (their password is the demo's) through the login form; wait for the landing."""
    from luoshi.core.demo import DEMO_PASSWORD

    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
