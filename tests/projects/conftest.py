"""A district A project (古荥城市更新, 90.84亿元, from the seed) that the project tests share."""
from datetime import date
from decimal import Decimal

import pytest
import time_machine

from luoshi.projects import services
from luoshi.projects.models import ApprovalStatus, ProjectCategory

NOW = "2025-07-10 10:00 +0800"


@pytest.fixture
def project(world):
    services.ensure_lists()
    with time_machine.travel(NOW):
        return services.create_project(
            world.users.a_data, organisation=world.a, code="HJ-2025-001", name="古荥城市更新",
            category=ProjectCategory.objects.get(name="城市更新"), total_investment=Decimal("90.84"),
            plan_year=2025, year_plan=Decimal("12"), responsible_unit=world.a_unit, source="000_fe62a0247c95cbc5.txt")


def settle_all(world, project):
    for a in project.approvals.all():
        services.settle_approval(world.users.a_data, a, status=ApprovalStatus.DONE, done_date=date(2025, 3, 1),
                                 document=f"郑惠发改〔2025〕{a.pk}号")


def prepare(world, project):
    """Move the project into 拟开工库 (which attaches its approvals) and settle them all."""
    services.transition(world.users.a_data, project, services.PREPARE)
    settle_all(world, project)


def start(world, project, on=date(2025, 2, 1)):
    """Enter 拟开工库, settle the approvals and move the project into 在建库."""
    prepare(world, project)
    return services.transition(world.users.a_data, project, services.START, when=on)
