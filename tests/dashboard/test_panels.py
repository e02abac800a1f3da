"""The one screen carries the appeals and quiet-day panels from those apps' own selectors."""
import time_machine
from django.urls import reverse

NOW = "2025-03-03 10:00 +0800"


@time_machine.travel(NOW)
def test_district_screen_shows_open_and_overdue_appeals_and_this_months_quiet_day_visits(client, world):
    from datetime import date

    from luoshi.appeals import services as appeals
    from luoshi.inspections import services as visits
    from luoshi.inspections.models import VisitCategory, VisitType

    appeals.file_appeal(world.users.a_enterprise, enterprise=world.a_ent, category="land",
                                 title="用地指标", description="扩建需要用地指标")
    visits.file_visit(world.users.a_unit, department=world.a_unit, enterprises=[world.a_ent], date=date(2025, 3, 10),
                      visit_type=VisitType.SURVEY, category=VisitCategory.OTHER, legal_basis="调研安排")
    client.force_login(world.users.a_leader)
    page = client.get(reverse("dashboard:screen", args=[world.a.pk]), {"year": 2025}).content.decode()
    assert "企业诉求(2025年)" in page and "三全食品股份有限公司 · 用地指标" in page
    assert "企业宁静日(3月1日—25日)" in page and "本月涉企活动" in page
    client.force_login(world.users.b_leader)
    assert "用地指标" not in client.get(reverse("dashboard:screen", args=[world.b.pk])).content.decode()
