"""The letters through the API: the same scores and explanations as the pages, the same scope."""
import json
from decimal import Decimal

import time_machine

from luoshi.accountability import services
from luoshi.accountability.models import ItemKind

NOW = "2025-11-24 10:00 +0800"


@time_machine.travel(NOW)
def test_scores_and_task_reports_through_the_api(client, world):
    letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
    task = services.add_item(world.users.a_data, letter, title="完成征迁", kind=ItemKind.TASK, weight=Decimal(10))
    client.force_login(world.users.a_unit)
    response = client.post(f"/api/accountability/items/{task.pk}/reports",
                           json.dumps({"done_pct": "40", "evidence": "签约四成"}), content_type="application/json")
    assert response.status_code == 201
    body = client.get(f"/api/accountability/letters/{letter.pk}").json()
    assert body["score"] == "40" and body["items"][0]["explanation"].startswith("完成40%")
    client.force_login(world.users.a_leader)
    ranked = client.get(f"/api/accountability/districts/{world.a.pk}/letters", {"year": 2025}).json()
    assert [(r["unit"], r["rank"], r["score"]) for r in ranked] == [("古荥镇", 1, "40")]


@time_machine.travel(NOW)
def test_refused_report_gets_422_with_the_reason_and_other_districts_get_404(client, world):
    letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
    item = services.add_item(world.users.a_data, letter, title="指标", kind=ItemKind.TASK, weight=Decimal(10))
    client.force_login(world.users.a_data)
    response = client.post(f"/api/accountability/items/{item.pk}/reports",
                           json.dumps({"done_pct": "40", "evidence": " "}), content_type="application/json")
    assert response.status_code == 422 and "佐证材料" in response.json()["errors"][0]["message"]
    client.force_login(world.users.b_data)
    assert client.get(f"/api/accountability/letters/{letter.pk}").status_code == 404
    assert client.post(f"/api/accountability/items/{item.pk}/reports", json.dumps(
        {"done_pct": "40", "evidence": "x"}), content_type="application/json").status_code == 404


@time_machine.travel(NOW)
def test_a_letter_says_how_many_items_were_scored_on_its_page_the_ranking_and_the_api(client, world):
    """One item has nothing to measure (no appeals: 不计分), one is scored: the total says "1项计分，1项不计分"."""
    letter = services.create_letter(world.users.a_data, unit=world.a_unit, year=2025)
    services.add_item(world.users.a_data, letter, title="企业诉求按期办结率不低于95%", kind=ItemKind.APPEAL_ON_TIME,
                      weight=Decimal(10), required_pct=Decimal(95))
    task = services.add_item(world.users.a_data, letter, title="完成征迁", kind=ItemKind.TASK, weight=Decimal(10))
    services.report_task(world.users.a_unit, task, done_pct=Decimal(50), evidence="签约五成")
    client.force_login(world.users.a_leader)
    said = "1项计分，1项不计分"
    page = client.get(f"/accountability/letter/{letter.pk}/").content.decode()
    assert said in page and '<span class="muted">不计分</span>' in page
    assert said in client.get(f"/accountability/org/{world.a.pk}/", {"year": 2025}).content.decode()
    body = client.get(f"/api/accountability/letters/{letter.pk}").json()
    assert (body["scored_items"], body["unscored_items"], body["scored_words"]) == (1, 1, said)
    assert [i["scored"] for i in body["items"]] == [False, True]
    ranked = client.get(f"/api/accountability/districts/{world.a.pk}/letters", {"year": 2025}).json()
    assert [(r["scored_items"], r["scored_words"]) for r in ranked] == [(1, said)]
