"""The work plan on the shared `world` (districts A = 惠济区, B = 中原区): each district's 督查室, a second
unit of A (花园口镇) to cooperate, a plan for 2025 with one section and one task led by 古荥镇 under a_leader,
and time frozen on Monday 2025-03-10 in Shanghai."""
from datetime import date
from types import SimpleNamespace

import pytest
import time_machine

from luoshi.organisations.models import Organisation, OrgKind, Role
from luoshi.workplan import services
from luoshi.workplan.judging import latest_drift
from luoshi.workplan.models import WorkTask
from luoshi.workplan.standing import status_drift
from tests.conftest import make_user

NOW = "2025-03-10 10:00 +0800"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def wp(world, clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a_unit2 = Organisation.objects.create(name="花园口镇", short_name="花园口镇", kind=OrgKind.TOWN, parent=world.a)
    ns = SimpleNamespace(
        world=world, a_unit2=a_unit2,
        a_sup=make_user("a_sup", Role.SUPERVISION, world.a),
        b_sup=make_user("b_sup", Role.SUPERVISION, world.b),
        a_unit2_staff=make_user("a_unit2", Role.UNIT_STAFF, a_unit2),
        b_unit_staff=make_user("b_unit", Role.UNIT_STAFF, world.b_unit),
    )
    ns.plan = services.create_plan(ns.a_sup, organisation=world.a, year=2025, title="十项工作")
    ns.section = services.add_section(ns.a_sup, ns.plan, number=1, title="关于重点项目建设")
    ns.b_plan = services.create_plan(ns.b_sup, organisation=world.b, year=2025, title="十项工作")
    ns.new_task = lambda **kw: services.create_task(kw.pop("user", ns.a_sup), kw.pop("plan", ns.plan),
                                                    services.TaskInput(**{
                                                        "title": "力争2025年收储土地不低于1100亩",
                                                        "lead_unit": world.a_unit, "deadline": date(2025, 12, 31),
                                                        "section": ns.section, "lead_leader": world.users.a_leader,
                                                        **kw}))
    ns.task = ns.new_task(cooperating_units=(a_unit2,))
    ns.b_task = services.create_task(ns.b_sup, ns.b_plan, services.TaskInput(
        title="中原区的任务", lead_unit=world.b_unit, deadline=date(2025, 12, 31)))
    yield ns
    # Every write a test made kept where its tasks stand and their status, as the pages read them.
    assert latest_drift(WorkTask.objects.all()) == [], "TaskLatest not kept by a write"
    assert status_drift(WorkTask.objects.all()) == [], "a kept status not judged again by a write"


PDF = b"%PDF-1.4 evidence"


def pdf(name="佐证.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF)
