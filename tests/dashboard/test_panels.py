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


@time_machine.travel(NOW)
def test_a_visit_waiting_for_approval_reads_as_a_warning_under_every_palette_never_as_met(client, world, settings):
    """Under `cn` 红 is 达标 and 绿 is 落后: a count to act on takes the one warning tone, never a status colour."""
    import re
    from datetime import date

    from luoshi.inspections import services as visits
    from luoshi.inspections.models import VisitCategory, VisitType

    visits.file_visit(world.users.a_unit, department=world.a_unit, enterprises=[world.a_ent], date=date(2025, 3, 10),
                      visit_type=VisitType.SURVEY, category=VisitCategory.OTHER, legal_basis="调研安排")
    client.force_login(world.users.a_leader)
    for name in ("cn", "intl"):
        settings.LUOSHI = {**settings.LUOSHI, "STATUS_PALETTE": name}
        for wall in ("", "1"):
            page = client.get(reverse("dashboard:screen", args=[world.a.pk]), {"year": 2025, "wall": wall}) \
                .content.decode()
            waiting = re.search(r'<a class="figure([^"]*)"[^>]*><span class="figure-value">1</span>'
                                r'<span class="figure-label">待审批</span>', page)
            assert waiting and waiting.group(1).strip() == "tone-warn", (name, wall)
    css = (settings.BASE_DIR / "luoshi/static/luoshi/app.css").read_text()
    assert not re.search(r"\.pal-\w+ [^{]*\.tone-warn", css), "the warning tone does not change with the palette"
