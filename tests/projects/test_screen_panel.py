"""The one screen's 重点项目四库 panel: each library's count opens the project list filtered to that library,
so the figure and the records behind it are the same projects."""
import time_machine
from django.urls import reverse

from luoshi.projects.models import Stage
from tests.projects.conftest import NOW


def test_each_library_count_opens_the_list_of_the_projects_it_counts(client, world, project):
    client.force_login(world.users.a_leader)
    listed = reverse("projects:list", args=[world.a.pk])
    with time_machine.travel(NOW):
        screen = client.get(reverse("dashboard:screen", args=[world.a.pk]), {"year": 2025}).content.decode()
        for stage in (Stage.RESERVE, Stage.READY, Stage.CONSTRUCTION, Stage.COMPLETED):
            assert f'href="{listed}?stage={stage.value}"' in screen, stage
        reserve = client.get(listed, {"stage": project.stage}).content.decode()
        building = client.get(listed, {"stage": Stage.CONSTRUCTION.value}).content.decode()
    assert project.stage == Stage.RESERVE
    assert "古荥城市更新" in reserve and "古荥城市更新" not in building
