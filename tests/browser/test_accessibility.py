"""WCAG 2.1 AA (GB/T 37668 asks the same): axe-core, installed from npm by scripts/test.sh, checks the
pages each demo role reaches from its navigation, in Debian chromium; a serious or critical violation
fails the test and names the page, the rule and the elements.

The API's own Swagger page (/api/docs) is third-party and left out; files (Excel, Word, PDF) are not pages.
"""
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from luoshi.core.demo import DEMO_PASSWORD

AXE_JS = Path(__file__).resolve().parents[2] / "var" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
ROLES = ["huiji_data", "huiji_leader", "huiji_guxing", "huiji_jiwei", "city_admin", "zhongyuan_data", "sanquan"]
NOT_PAGES = (".xlsx", ".docx", ".pdf", "/logout/", "/api/docs", "/admin/")
RUN_AXE = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                     resultTypes: ['violations']});
  return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => ({rule: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def _pages_of(page, base: str) -> list[str]:
    links = page.eval_on_selector_all("nav a[href], header a[href]", "els => els.map(e => e.getAttribute('href'))")
    urls = [page.url]
    for href in links:
        if href.startswith("/") and not any(part in href for part in NOT_PAGES):
            urls.append(base + href)
    return list(dict.fromkeys(urls))


@pytest.fixture
def demo_loaded(transactional_db):
    call_command("load_demo", verbosity=0)


@pytest.mark.browser
def test_every_page_each_role_reaches_from_its_navigation_has_no_serious_accessibility_violation(
        live_server, _chromium, demo_loaded):
    assert AXE_JS.exists(), f"{AXE_JS} missing: run `bash scripts/test.sh` (npm-installs axe-core)"
    axe = AXE_JS.read_text(encoding="utf-8")
    problems, checked = {}, {}
    for username in ROLES:
        # axe is injected as a script of its own; the page's Content-Security-Policy is for the page's scripts.
        context = _chromium.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", bypass_csp=True,
                                        viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            page.goto(f"{live_server.url}/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            for url in _pages_of(page, live_server.url):
                response = page.goto(url)
                page.wait_for_load_state("networkidle")
                if response is None or response.status != 200:
                    continue
                page.evaluate(axe)
                found = page.evaluate(RUN_AXE)
                checked.setdefault(username, []).append(url)
                if found:
                    problems[f"{username} {url.replace(live_server.url, '')}"] = found
        finally:
            context.close()
    assert all(len(checked.get(u, [])) >= 2 for u in ROLES), f"too few pages checked: {checked}"
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
