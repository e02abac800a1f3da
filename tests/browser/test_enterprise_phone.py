"""Every page an enterprise uses fits a 375-pixel phone screen: nothing scrolls sideways, the tap
targets are finger-sized, and no page has a script error."""
from datetime import time, timedelta

import pytest

from luoshi.appeals import services as appeals
from luoshi.appeals.models import LeaderRank, ReceptionDay
from luoshi.core.periods import today
from luoshi.inspections.models import PlannedVisit
from tests.browser.conftest import log_in

PHONE = {"width": 375, "height": 740}


@pytest.mark.browser
def test_every_enterprise_page_fits_a_phone_without_sideways_scrolling(live_server, browser_page, transactional_db,
                                                                       world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    soon = today() + timedelta(days=7)
    day = ReceptionDay.objects.create(district=world.a, host=world.users.a_leader, host_rank=LeaderRank.PRINCIPAL,
                                      date=soon, start=time(9), location="政务服务中心企业服务室")
    booking = appeals.book_reception(world.users.a_enterprise, day, topic="二期用地指标")
    appeal = appeals.file_appeal(world.users.a_enterprise, enterprise=world.a_ent, category="land",
                                 title="二期用地指标落实", description="用地指标迟迟未落实,影响开工。")
    visit = PlannedVisit.objects.create(department=world.a_unit, district=world.a, date=soon, visit_type="survey",
                                        category="other", legal_basis="《统计法》", in_window=False,
                                        filed_by=world.users.a_data, state="filed")
    visit.enterprises.set([world.a_ent])
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "a_enterprise", landing=f"{live_server.url}/")
    paths = ["/", "/appeals/mine/", "/appeals/new/", f"/appeals/{appeal.pk}/", "/appeals/reception/",
             f"/appeals/reception/day/{day.pk}/", f"/appeals/reception/booking/{booking.pk}/",
             "/appeals/reception/mine/", "/appeals/notifications/", "/inspections/mine/", "/inspections/reports/new/"]
    too_wide, buttons_seen = {}, 0
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
        buttons = page.evaluate("""() => [...document.querySelectorAll(
                '.appeals button, .appeals .button, .enterprise-menu .button')]
            .filter(b => b.offsetParent).map(b => [b.textContent.trim(), b.getBoundingClientRect().height])""")
        buttons_seen += len(buttons)
        assert [text for text, height in buttons if height < 40] == [], path
    assert too_wide == {} and buttons_seen > 10
    page.goto(live_server.url + "/appeals/reception/mine/")
    assert "二期用地指标" in page.inner_text("body")
    page.goto(live_server.url + "/inspections/mine/")
    assert "《统计法》" in page.inner_text("body") or str(soon) in page.inner_text("body")
    assert page.console_errors == []
