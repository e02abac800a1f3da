"""The investment ledger: every move of the lead-to-production machine and its refusals, the hand-over
of a started project to the pipeline, targets read with the ledger's wording rules, the funnel, scope."""
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from luoshi.core.registry import site
from luoshi.core.workflow import Refused
from luoshi.indicators.services import LedgerError
from luoshi.investment import services
from luoshi.investment.models import InvestmentProject, InvestmentState, Measure
from luoshi.investment.selectors import funnel, target_progress

NOW = "2025-07-01 10:00 +0800"


@pytest.fixture
def lead(world):
    return services.create_lead(world.users.a_data, organisation=world.a, name="协鑫新能源储能产业集群",
                                investor="协鑫集团", lead_date=date(2025, 1, 10), method="precise")


@time_machine.travel(NOW)
def test_a_lead_moves_through_negotiation_signing_start_and_production_with_its_dates(world, lead):
    u = world.users.a_data
    services.transition(u, lead, services.NEGOTIATE)
    services.transition(u, lead, services.SIGN, when=date(2025, 3, 1), amount="300")
    services.transition(u, lead, services.START, when=date(2025, 5, 1))
    services.transition(u, lead, services.PRODUCE, when=date(2025, 6, 30))
    lead.refresh_from_db()
    assert lead.state == InvestmentState.PRODUCING and lead.amount == 300 and lead.version == 5
    assert [s.action for s in lead.steps.order_by("id")] == ["lead", "negotiate", "sign", "start", "produce"]


@time_machine.travel(NOW)
@pytest.mark.parametrize("action, kwargs, reason", [
    (services.START, {"when": date(2025, 5, 1)}, "当前状态为“线索”，不能“开工”"),
    (services.SIGN, {"when": date(2025, 3, 1)}, "签约须填写投资额"),
    (services.SIGN, {"amount": "10"}, "“签约”须填写日期"),
    (services.SIGN, {"amount": "10", "when": date(2024, 12, 1)}, "早于前一环节的日期2025-01-10"),
    (services.DROP, {}, "“终止”须填写说明"),
])
def test_refused_moves_say_exactly_what_is_missing_and_change_nothing(world, lead, action, kwargs, reason):
    with pytest.raises(Refused) as refused:
        services.transition(world.users.a_data, lead, action, **kwargs)
    assert any(reason in r for r in refused.value.reasons), refused.value.reasons
    assert InvestmentProject.objects.get(pk=lead.pk).state == InvestmentState.LEAD


@time_machine.travel(NOW)
def test_a_started_project_is_handed_over_to_the_pipeline_when_it_is_installed(world, lead):
    handed = []
    previous = site.register_handover(services.STARTED, lambda user, project: handed.append(project.name))
    try:
        services.transition(world.users.a_data, lead, services.SIGN, when=date(2025, 3, 1), amount="300")
        services.transition(world.users.a_data, lead, services.START, when=date(2025, 5, 1))
    finally:
        site.register_handover(services.STARTED, previous)
    started = InvestmentProject.objects.get(pk=lead.pk)
    assert handed == ["协鑫新能源储能产业集群"] and started.state == InvestmentState.STARTED
    assert started.pipeline_project is None  # this hand-over made no project: the link stays empty


@time_machine.travel(NOW)
def test_targets_use_the_ledger_wording_and_time_progress_rules(world, lead):
    u = world.users.a_data
    services.set_target(u, organisation=world.a, year=2025, measure=Measure.SIGNED_AMOUNT, wording="不低于450亿元")
    services.set_target(u, organisation=world.a, year=2025, measure=Measure.SIZED_COUNT, wording="不少于1个",
                        min_amount=Decimal(50), max_amount=Decimal(100))
    services.transition(u, lead, services.SIGN, when=date(2025, 3, 1), amount="300")
    rows = {r["target"].measure: r for r in target_progress(u, world.a, 2025)}
    amount = rows[Measure.SIGNED_AMOUNT]
    assert amount["achieved"] == 300 and amount["status"].status == "met"
    assert "超过时间进度" in amount["status"].reason
    sized = rows[Measure.SIZED_COUNT]
    assert sized["achieved"] == 0 and sized["status"].status == "behind", "300亿元 is above the 50–100亿元 band"
    with pytest.raises(LedgerError, match="目标表述"):
        services.set_target(u, organisation=world.a, year=2025, measure=Measure.SIGNED_COUNT, wording="多多益善")


@time_machine.travel(NOW)
def test_funnel_counts_and_money_by_stage_method_and_chain(world, lead):
    u = world.users.a_data
    other = services.create_lead(u, organisation=world.a, name="预制菜产业园", investor="某食品集团",
                                 lead_date=date(2025, 2, 1), method="by_business")
    services.transition(u, lead, services.SIGN, when=date(2025, 3, 1), amount="300")
    services.transition(u, other, services.DROP, text="投资方战略调整")
    f = funnel(u, world.a, 2025)
    assert [(s["label"], s["count"], s["amount"]) for s in f["stages"]] == [
        ("线索", 2, Decimal(300)), ("签约", 1, Decimal(300)), ("开工", 0, 0), ("投产", 0, 0)]
    assert f["by_method"] == {"精准招商": (1, Decimal(300))} and f["dropped"] == 1


@time_machine.travel(NOW)
def test_district_b_cannot_see_or_move_district_a_projects(world, lead):
    assert not InvestmentProject.objects.for_user(world.users.b_data).filter(pk=lead.pk).exists()
    with pytest.raises(PermissionDenied):
        services.transition(world.users.b_data, lead, services.NEGOTIATE)
    with pytest.raises(PermissionDenied):
        services.transition(world.users.a_leader, lead, services.NEGOTIATE)


@time_machine.travel("2025-11-24 10:00 +0800")
def test_demo_reproduces_the_seed_figures_of_jingkai_2023(world, django_user_model):
    from luoshi.investment.demo import load_ledger

    django_user_model.objects.create_superuser("admin", password="demo-pass-2025-x")
    jk = world.city.children.create(name="郑州经济技术开发区", short_name="经开区", kind="dev_zone")
    assert load_ledger() > 38 and load_ledger() == 0
    signed = funnel(world.users.city_admin, jk, 2023)["stages"][1]
    assert (signed["count"], signed["amount"]) == (38, Decimal(965))
    xiexin = InvestmentProject.objects.get(name="协鑫新能源储能产业集群")
    assert xiexin.amount == 300 and xiexin.source == "001_9ad7097c21d10d23.txt" and not xiexin.is_synthetic
    huiji = {r["target"].wording for r in target_progress(world.users.a_data, world.a, 2025)}
    assert huiji == {"不低于450亿元", "不少于1个"}


@time_machine.travel(NOW)
def test_ledger_page_shows_the_funnel_and_a_refused_move_says_why(client, world, lead):
    from django.urls import reverse

    services.set_target(world.users.a_data, organisation=world.a, year=2025, measure=Measure.SIGNED_AMOUNT,
                        wording="不低于450亿元")
    client.force_login(world.users.a_data)
    page = client.get(reverse("investment:ledger", args=[world.a.pk]), {"year": 2025}).content.decode()
    assert "协鑫新能源储能产业集群" in page and "不低于450亿元" in page
    page = client.post(reverse("investment:project", args=[lead.pk]),
                       {"action": "sign", "when": "2025-03-01", "version": lead.version}).content.decode()
    assert "签约须填写投资额" in page
    client.post(reverse("investment:project", args=[lead.pk]),
                {"action": "sign", "when": "2025-03-01", "amount": "300", "version": lead.version})
    assert InvestmentProject.objects.get(pk=lead.pk).state == InvestmentState.SIGNED
    client.force_login(world.users.a_leader)
    assert client.post(reverse("investment:project", args=[lead.pk]),
                       {"action": "drop", "text": "x"}).status_code == 403
    client.force_login(world.users.b_data)
    assert client.get(reverse("investment:project", args=[lead.pk])).status_code == 404
