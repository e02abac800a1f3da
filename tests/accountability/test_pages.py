"""The letters pages: the district drafts, adds items, reviews and signs with the scan; the unit sees its
own letter and reports its tasks; scores and 先进单位 are shown with their reasons."""
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.accountability import services
from luoshi.accountability.models import ItemKind, LetterState, ResponsibilityLetter

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture
def draft(world):
    with time_machine.travel(NOW):
        letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
        world.task = services.add_item(world.users.a_data, letter, title="完成征迁", kind=ItemKind.TASK,
                                       weight=Decimal(10))
    world.letter = letter
    return world


@time_machine.travel(NOW)
def test_district_staff_draft_a_letter_add_an_item_review_and_sign_it_in_the_pages(client, world, indicator):
    client.force_login(world.users.a_data)
    response = client.post(reverse("accountability:letters", args=[world.a.pk]),
                           {"unit": world.a_unit.pk, "year": 2025, "title": ""})
    letter = ResponsibilityLetter.objects.get(unit=world.a_unit)
    assert response.status_code == 302 and letter.title == "古荥镇2025年度目标责任书"
    url = reverse("accountability:letter", args=[letter.pk])
    client.post(url, {"item-order": 1, "item-title": "固定资产投资增长8%", "item-kind": "indicator",
                      "item-role": "scored", "item-indicator": indicator("fixed_investment").pk,
                      "item-weight": "10", "item-rule": "proportional"})
    assert letter.items.count() == 1
    client.post(url, {"action": "review", "version": 1})
    page = client.post(url, {"action": "sign", "version": 2}).content.decode()
    assert "签订须上传签字盖章的扫描件" in page
    client.post(url, {"action": "sign", "version": 2, "scan": SimpleUploadedFile("s.pdf", b"%PDF-1.4 x")})
    letter.refresh_from_db()
    assert letter.state == LetterState.SIGNED
    assert client.get(reverse("accountability:scan", args=[letter.pk])).status_code == 200


@time_machine.travel(NOW)
def test_unit_reports_its_task_and_sees_the_score_change(client, draft):
    client.force_login(draft.users.a_unit)
    client.post(reverse("accountability:report_task", args=[draft.task.pk]),
                {"done_pct": "60", "evidence": "已签约60%,见11月会议纪要"})
    page = client.get(reverse("accountability:letter", args=[draft.letter.pk])).content.decode()
    assert "按完成比例：10分×60%=6分" in page and "已签约60%" in page


@time_machine.travel(NOW)
def test_district_b_and_other_units_cannot_open_or_report_on_the_letter(client, draft):
    for user in ("b_data", "b_leader", "a_enterprise"):
        client.force_login(getattr(draft.users, user))
        assert client.get(reverse("accountability:letter", args=[draft.letter.pk])).status_code == 404
        assert client.post(reverse("accountability:report_task", args=[draft.task.pk]),
                           {"done_pct": "100", "evidence": "x"}).status_code == 404
    assert not draft.task.reports.exists()


@time_machine.travel(NOW)
def test_leaders_read_but_cannot_change_letters(client, draft):
    client.force_login(draft.users.a_leader)
    url = reverse("accountability:letter", args=[draft.letter.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "review", "version": 1}).status_code == 403
    assert ResponsibilityLetter.objects.get(pk=draft.letter.pk).state == LetterState.DRAFT


@time_machine.travel(NOW)
def test_amendment_page_changes_a_signed_item_with_its_reason(client, draft):
    services.transition(draft.users.a_data, draft.letter, services.REVIEW)
    services.transition(draft.users.a_data, draft.letter, services.SIGN,
                        scan=SimpleUploadedFile("s.pdf", b"%PDF-1.4 x"))
    client.force_login(draft.users.a_data)
    url = reverse("accountability:amend", args=[draft.task.pk])
    form = {"reason": "", "item-order": 1, "item-title": "完成征迁", "item-kind": "task",
            "item-role": "scored", "item-weight": "15", "item-rule": "proportional"}
    blind = client.post(url, {**form, "reason": "区委常委会调整"}).content.decode()
    assert "缺少所读到的版本（version），未作任何修改" in blind, "a version-less POST is refused naming the field"
    draft.letter.refresh_from_db()
    form["version"] = draft.letter.version
    assert "须填写说明" in client.post(url, form).content.decode()
    client.post(url, {**form, "reason": "区委常委会调整"})
    draft.task.refresh_from_db()
    assert draft.task.weight == 15 and "区委常委会调整" in draft.letter.steps.order_by("id").last().text


@time_machine.travel(NOW)
def test_one_screen_shows_the_unit_ranking_panel_with_links(client, draft):
    services.report_task(draft.users.a_unit, draft.task, done_pct="50", evidence="过半")
    client.force_login(draft.users.a_leader)
    page = client.get(reverse("dashboard:screen", args=[draft.a.pk]), {"year": 2025}).content.decode()
    assert "单位考评排名(2025年)" in page and "1. 古荥镇" in page and "50分" in page
    assert reverse("accountability:letter", args=[draft.letter.pk]) in page


@time_machine.travel(NOW)
def test_an_amendment_made_from_an_older_version_of_the_letter_is_refused_and_changes_nothing(client, draft):
    services.transition(draft.users.a_data, draft.letter, services.REVIEW)
    services.transition(draft.users.a_data, draft.letter, services.SIGN,
                        scan=SimpleUploadedFile("s.pdf", b"%PDF-1.4 x"))
    client.force_login(draft.users.a_data)
    url = reverse("accountability:amend", args=[draft.task.pk])
    page = client.get(url).content.decode()
    seen = ResponsibilityLetter.objects.get(pk=draft.letter.pk).version
    assert f'name="version" value="{seen}"' in page
    form = {"reason": "区委常委会调整", "item-order": 1, "item-title": "完成征迁", "item-kind": "task",
            "item-role": "scored", "item-weight": "15", "item-rule": "proportional", "version": seen}
    services.amend(draft.users.a_data, draft.letter, reason="同事先改",
                   changes={draft.task.pk: {"weight": Decimal(12)}}, expected_version=seen)
    stale = client.post(url, form).content.decode()
    assert "已被他人修改" in stale and f'name="version" value="{seen + 1}"' in stale
    draft.task.refresh_from_db()
    assert draft.task.weight == 12
    assert client.post(url, {**form, "version": seen + 1}).status_code == 302
    draft.task.refresh_from_db()
    assert draft.task.weight == 15


@time_machine.travel(NOW)
def test_a_letter_move_posted_without_the_version_it_read_is_refused_naming_the_field_and_changes_nothing(
        client, draft):
    client.force_login(draft.users.a_data)
    page = client.post(reverse("accountability:letter", args=[draft.letter.pk]), {"action": "review"})
    assert "缺少所读到的版本（version），未作任何修改" in page.content.decode()
    draft.letter.refresh_from_db()
    assert (draft.letter.state, draft.letter.version) == (LetterState.DRAFT, 1)
