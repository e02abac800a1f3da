"""The Content-Security-Policy holds on every main page: with the demo city loaded, chromium opens the
overview, the one screen (district and city), the wall, the project board and roll-up, the investment
ledger and a chain's panorama, the appeals pages, the briefing, the quiet-day report, the account pages
and an error page, each under the policy the server sends, and not one CSP violation or console error
occurs; every chart is drawn (ECharts works under the policy) and htmx is loaded."""
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

CATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline")
                    + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


def main_pages(org, city, chain):
    return [
        ("huiji_leader", reverse("indicators:overview", args=[org.pk])),
        ("huiji_leader", reverse("dashboard:screen", args=[org.pk])),
        ("huiji_leader", reverse("dashboard:screen", args=[org.pk]) + "?wall=1"),
        ("city_admin", reverse("dashboard:screen", args=[city.pk])),
        ("huiji_leader", reverse("projects:board", args=[org.pk])),
        ("huiji_leader", reverse("projects:rollup", args=[org.pk])),
        ("huiji_data", reverse("investment:ledger", args=[org.pk])),
        ("huiji_data", reverse("investment:chain", args=[chain.pk])),
        ("huiji_data", reverse("appeals:supervision")),
        ("huiji_data", reverse("appeals:statistics", args=[org.pk])),
        ("huiji_leader", reverse("dashboard:briefing", args=[org.pk])),
        ("huiji_jiwei", reverse("inspections:monthly", args=[org.pk])),
        ("huiji_data", reverse("indicators:upload")),
        ("huiji_data", reverse("organisations:password_change")),
        ("city_admin", reverse("organisations:accounts")),
        ("city_admin", reverse("organisations:register", args=[org.pk])),
        ("huiji_data", "/no-such-page/"),
        (None, reverse("login")),
    ]


@pytest.mark.browser
def test_main_pages_work_under_the_content_security_policy(live_server, browser_page, transactional_db, client):
    from luoshi.investment.models import IndustryChain
    from luoshi.organisations.models import Organisation

    with time_machine.travel("2026-11-24 10:00 +0800", tick=False):
        call_command("load_demo", verbosity=0)
    org = Organisation.objects.get(name="惠济区")
    city = org.parent
    chain = IndustryChain.objects.filter(organisation=org).first() or IndustryChain.objects.first()
    page = browser_page
    page.add_init_script(CATCH_VIOLATIONS)
    problems = {}
    for username, url in main_pages(org, city, chain):
        page.context.clear_cookies()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
            page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                       "url": live_server.url}])
        page.console_errors.clear()
        response = page.goto(live_server.url + url)
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, (url, policy)
        page.wait_for_load_state("networkidle")
        charts = page.locator("[data-chart]").count()
        if charts:
            page.wait_for_function(f"document.querySelectorAll('[data-chart][data-rendered=true]').length === {charts}")
        if page.locator("script[src*='htmx']").count():
            assert page.evaluate("typeof window.htmx") == "object", url
        found = page.evaluate("window.__csp") + page.console_errors
        if url == "/no-such-page/":  # the 404 itself is the one console error that page must have
            found = [f for f in found if "404" not in f]
        if found:
            problems[url] = found
    assert problems == {}
