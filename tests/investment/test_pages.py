"""The investment pages a district's data staff work in: lead entry (also from a gap of the 招商地图), the
correction of a record with its reason kept in the history, the 三个一批 batches, and chain editing; who
may write (403 for read-only roles), and district B's records are 404 to district A by guessing ids."""
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.core.records import history_version
from luoshi.core.workflow import Refused
from luoshi.investment import services
from luoshi.investment.models import ChainLink, ChainMember, IndustryChain, InvestmentProject, InvestmentState, Segment
from luoshi.investment.selectors import batch_events

NOW = "2025-07-01 10:00 +0800"


@pytest.fixture
def chains(world):
    food = IndustryChain.objects.create(organisation=world.a, name="食品", chain_leader="区长 张某")
    world.frozen = ChainLink.objects.create(chain=food, segment=Segment.MIDSTREAM, name="速冻食品")
    world.sauce = ChainLink.objects.create(chain=food, segment=Segment.MIDSTREAM, name="调味品")
    world.sanquan = ChainMember.objects.create(link=world.frozen, name="三全食品股份有限公司", enterprise=world.a_ent)
    rail = IndustryChain.objects.create(organisation=world.b, name="轨道交通")
    world.rail_link = ChainLink.objects.create(chain=rail, segment=Segment.MIDSTREAM, name="装备")
    world.food, world.rail = food, rail
    return world


@pytest.fixture
def lead(chains):
    with time_machine.travel(NOW):
        return services.create_lead(chains.users.a_data, organisation=chains.a, name="调味品产业园",
                                    investor="某调味品集团", lead_date=date(2025, 2, 1), amount="12",
                                    chain_link=chains.sauce)


def lead_post(world, **extra):
    return {"investor": "协鑫集团", "name": "协鑫新能源储能产业集群", "amount": "300", "sector": "储能",
            "chain_link": world.sauce.pk, "method": "by_business", "responsible_unit": world.a_unit.pk,
            "leader": "王某", "lead_date": "2025-03-01", "source": "", **extra}


def edit_post(project, **extra):
    return {"investor": project.investor, "name": project.name, "amount": str(project.amount or ""),
            "year_plan": "" if project.year_plan is None else str(project.year_plan),
            "sector": project.sector, "chain_link": project.chain_link_id or "", "method": project.method,
            "responsible_unit": project.responsible_unit_id or "", "leader": project.leader,
            "lead_date": project.lead_date.isoformat(), "source": project.source, "reason": "",
            "version": project.version, **extra}


# --- lead entry ----------------------------------------------------------------------------------

@time_machine.travel(NOW)
def test_keeper_registers_a_lead_on_the_page_with_its_contract(client, chains, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(chains.users.a_data)
    page = client.get(reverse("investment:new_lead", args=[chains.a.pk])).content.decode()
    assert "速冻食品" in page and "装备" not in page  # the district's own chain links only
    response = client.post(reverse("investment:new_lead", args=[chains.a.pk]), lead_post(
        chains, contract=SimpleUploadedFile("合同.pdf", b"%PDF-1.4 signed contract")))
    project = InvestmentProject.objects.get(name="协鑫新能源储能产业集群")
    assert response.status_code == 302 and response.url == reverse("investment:project", args=[project.pk])
    assert (project.organisation, project.amount, project.chain_link, project.method, project.responsible_unit,
            project.state) == (chains.a, Decimal("300"), chains.sauce, "by_business", chains.a_unit,
                               InvestmentState.LEAD)
    assert project.contract.name.endswith(".pdf") and project.history.first().history_user == chains.users.a_data
    assert client.get(reverse("investment:contract", args=[project.pk])).status_code == 200
    client.force_login(chains.users.b_data)
    assert client.get(reverse("investment:contract", args=[project.pk])).status_code == 404


@time_machine.travel(NOW)
def test_a_refused_lead_shows_the_reasons_and_saves_nothing(client, chains):
    client.force_login(chains.users.a_data)
    url = reverse("investment:new_lead", args=[chains.a.pk])
    page = client.post(url, lead_post(chains,
                                      contract=SimpleUploadedFile("c.pdf", b"not a pdf at all"))).content.decode()
    assert "不是PDF、JPG、PNG、Word文件" in page
    page = client.post(url, lead_post(chains, chain_link=chains.rail_link.pk)).content.decode()
    assert "产业链环节" in page and "errors" in page  # district B's link is not a choice
    assert not InvestmentProject.objects.exists()


@time_machine.travel(NOW)
def test_a_gap_of_the_investment_map_opens_the_lead_form_with_its_link(client, chains):
    client.force_login(chains.users.a_data)
    chain_page = client.get(reverse("investment:chain", args=[chains.food.pk])).content.decode()
    start = reverse("investment:new_lead", args=[chains.a.pk]) + f"?link={chains.sauce.pk}"
    assert start in chain_page  # 调味品 has no enterprise: 补链
    map_page = client.get(reverse("investment:chains", args=[chains.a.pk])).content.decode()
    assert start in map_page
    form = client.get(start).content.decode()
    assert f'<option value="{chains.sauce.pk}" selected>' in form and "来自招商地图" in form
    # a link of district B cannot be preselected by guessing its id
    form = client.get(reverse("investment:new_lead", args=[chains.a.pk]) + f"?link={chains.rail_link.pk}")
    assert "来自招商地图" not in form.content.decode()
    client.force_login(chains.users.a_leader)
    assert "?link=" not in client.get(reverse("investment:chain", args=[chains.food.pk])).content.decode()


# --- correction with a reason --------------------------------------------------------------------

@time_machine.travel(NOW)
def test_a_correction_needs_a_reason_and_keeps_the_old_figure_in_the_history(client, chains, lead):
    client.force_login(chains.users.a_data)
    url = reverse("investment:edit", args=[lead.pk])
    page = client.post(url, edit_post(lead, amount="15")).content.decode()
    assert "修改已登记的招商项目须填写修订原因" in page
    assert InvestmentProject.objects.get(pk=lead.pk).amount == Decimal("12")
    response = client.post(url, edit_post(lead, amount="15", reason="投资方追加投资"))
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.amount == Decimal("15") and lead.version == 2
    latest, before = lead.history.all()[:2]
    assert (latest.history_change_reason, latest.history_user, before.amount) == (
        "投资方追加投资", chains.users.a_data, Decimal("12"))
    assert "投资方追加投资" in client.get(reverse("investment:project", args=[lead.pk])).content.decode()


@time_machine.travel(NOW)
def test_saving_an_unchanged_record_makes_no_new_version(chains, lead):
    same = services.update_investment(chains.users.a_data, lead, investor="某调味品集团", amount="12.0000")
    assert same.version == 1 and lead.history.count() == 1


@time_machine.travel(NOW)
def test_a_correction_cannot_date_a_step_not_reached_nor_break_the_order(chains, lead):
    with pytest.raises(Refused) as refused:
        services.update_investment(chains.users.a_data, lead, signed_date=date(2025, 3, 1), reason="补录")
    assert "项目尚未签约，不能填写签约日期（请通过“办理”推进）" in refused.value.reasons
    services.transition(chains.users.a_data, lead, services.SIGN, when=date(2025, 3, 1))
    with pytest.raises(Refused) as refused:
        services.update_investment(chains.users.a_data, lead, signed_date=date(2025, 1, 1), reason="更正")
    assert "签约日期2025-01-01早于线索日期2025-02-01" in refused.value.reasons
    with pytest.raises(Refused) as refused:
        services.update_investment(chains.users.a_data, lead, amount=None, reason="更正")
    assert "已签约的项目须填写投资额(亿元)" in refused.value.reasons
    fixed = services.update_investment(chains.users.a_data, lead, signed_date=date(2025, 3, 3), reason="按合同更正")
    assert fixed.signed_date == date(2025, 3, 3)


@time_machine.travel(NOW)
def test_a_stale_edit_is_refused_on_the_page(client, chains, lead):
    client.force_login(chains.users.a_data)
    services.update_investment(chains.users.a_data, lead, leader="李某", reason="调整分包领导")
    page = client.post(reverse("investment:edit", args=[lead.pk]),
                       edit_post(lead, amount="20", reason="更正", version=1)).content.decode()
    assert "该记录已被他人修改" in page and InvestmentProject.objects.get(pk=lead.pk).amount == Decimal("12")


# --- who may write -------------------------------------------------------------------------------

@time_machine.travel(NOW)
@pytest.mark.parametrize("role", ["a_leader", "a_discipline"])
def test_read_only_roles_may_read_but_get_403_on_every_write(client, chains, lead, role):
    client.force_login(getattr(chains.users, role))
    assert client.get(reverse("investment:project", args=[lead.pk])).status_code == 200
    assert client.get(reverse("investment:new_lead", args=[chains.a.pk])).status_code == 403
    assert client.post(reverse("investment:new_lead", args=[chains.a.pk]), lead_post(chains)).status_code == 403
    assert client.post(reverse("investment:edit", args=[lead.pk]),
                       edit_post(lead, amount="1", reason="x")).status_code == 403
    assert client.post(reverse("investment:chain", args=[chains.food.pk]),
                       {"form": "add_link", "segment": "upstream", "name": "原料"}).status_code == 403
    assert client.post(reverse("investment:chains", args=[chains.a.pk]),
                       {"name": "新链", "level": "county"}).status_code == 403
    assert InvestmentProject.objects.count() == 1 and not ChainLink.objects.filter(name="原料").exists()
    assert "修改信息" not in client.get(reverse("investment:project", args=[lead.pk])).content.decode()


@time_machine.travel(NOW)
def test_district_b_gets_404_on_district_a_records_by_guessing_ids(client, chains, lead):
    client.force_login(chains.users.b_data)
    for url in (reverse("investment:edit", args=[lead.pk]), reverse("investment:new_lead", args=[chains.a.pk]),
                reverse("investment:batches", args=[chains.a.pk]), reverse("investment:export", args=[chains.a.pk]),
                reverse("investment:upload", args=[chains.a.pk]), reverse("investment:template", args=[chains.a.pk])):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("investment:edit", args=[lead.pk]),
                       edit_post(lead, amount="1", reason="x")).status_code == 404
    assert client.post(reverse("investment:chain", args=[chains.food.pk]),
                       {"form": "add_link", "segment": "upstream", "name": "原料"}).status_code == 404
    # district B's own chain page cannot reach district A's link or member by id either
    client.force_login(chains.users.b_data)
    response = client.post(reverse("investment:chain", args=[chains.rail.pk]),
                           {"form": "remove_member", "member": chains.sanquan.pk, "reason": "x"})
    assert response.status_code == 404 and ChainMember.objects.filter(pk=chains.sanquan.pk).exists()
    with pytest.raises(PermissionDenied):
        services.update_investment(chains.users.b_data, lead, amount="1", reason="x")


# --- 三个一批 ---------------------------------------------------------------------------------------

@time_machine.travel(NOW)
def test_batches_group_signed_started_and_producing_by_month_with_counts_and_totals(client, chains):
    u = chains.users.a_data

    def project(name, amount, sign=None, start=None, produce=None, org=None):
        user = u if org is None else chains.users.b_data
        p = services.create_lead(user, organisation=org or chains.a, name=name, investor="某集团",
                                 lead_date=date(2024, 1, 1), amount=amount)
        for action, when in ((services.SIGN, sign), (services.START, start), (services.PRODUCE, produce)):
            if when:
                p = services.transition(user, p, action, when=when)
        return p

    project("甲", "300", sign=date(2025, 3, 18), start=date(2025, 6, 20))
    project("乙", "12.5", sign=date(2025, 3, 18))
    project("丙", "50", sign=date(2024, 9, 1), start=date(2025, 3, 25), produce=date(2025, 6, 20))
    project("丁", "7", sign=date(2024, 3, 1))  # nothing this year
    project("戊", "99", sign=date(2025, 3, 18), org=chains.b)  # district B
    data = batch_events(u, chains.a, 2025)
    months = {e["month"]: {b["key"]: (b["count"], b["amount"]) for b in e["batches"]} for e in data["events"]}
    assert months == {
        3: {"signed": (2, Decimal("312.5")), "started": (1, Decimal("50")), "producing": (0, Decimal(0))},
        6: {"signed": (0, Decimal(0)), "started": (1, Decimal("300")), "producing": (1, Decimal("50"))}}
    assert [e["dates"] for e in data["events"]] == [[date(2025, 3, 18), date(2025, 3, 25)], [date(2025, 6, 20)]]
    assert {t["key"]: (t["count"], t["amount"]) for t in data["totals"]} == {
        "signed": (2, Decimal("312.5")), "started": (2, Decimal("350")), "producing": (1, Decimal("50"))}
    client.force_login(chains.users.a_leader)
    page = client.get(reverse("investment:batches", args=[chains.a.pk]) + "?year=2025").content.decode()
    assert "签约一批" in page and "312.5" in page and "戊" not in page and "丁" not in page


# --- chain editing -------------------------------------------------------------------------------

def chain_post(client, world, **data):
    return client.post(reverse("investment:chain", args=[world.food.pk]), data)


@time_machine.travel(NOW)
def test_planning_staff_add_a_chain_links_and_enterprises_and_name_the_anchor(client, chains):
    client.force_login(chains.users.a_data)
    response = client.post(reverse("investment:chains", args=[chains.a.pk]),
                           {"name": "预制菜", "level": "county", "chain_leader": "副区长 李某", "description": ""})
    new = IndustryChain.objects.get(organisation=chains.a, name="预制菜")
    assert response.status_code == 302 and new.chain_leader == "副区长 李某"
    assert "已有“食品”产业链" in client.post(reverse("investment:chains", args=[chains.a.pk]),
                                        {"name": "食品", "level": "county"}).content.decode()
    assert chain_post(client, chains, form="add_link", segment="upstream", name="农产品基地").status_code == 302
    base = ChainLink.objects.get(chain=chains.food, name="农产品基地")
    assert base.segment == Segment.UPSTREAM
    seen = history_version(base)
    page = chain_post(client, chains, form="edit_link", link=base.pk, segment="upstream", name="原料基地",
                      version=seen).content.decode()
    assert "修改环节须填写原因" in page
    chain_post(client, chains, form="edit_link", link=base.pk, segment="upstream", name="原料基地", reason="统一名称",
               version=seen)
    base.refresh_from_db()
    assert base.name == "原料基地" and base.history.first().history_change_reason == "统一名称"
    chain_post(client, chains, form="add_member", link=base.pk, enterprise=chains.a_ent.pk, name="")
    chain_post(client, chains, form="add_member", link=base.pk, name="惠济区蔬菜合作社", is_chain_master="on")
    member = ChainMember.objects.get(link=base, enterprise=chains.a_ent)
    assert member.name == "三全食品股份有限公司" and ChainMember.objects.get(name="惠济区蔬菜合作社").is_chain_master
    chain_post(client, chains, form="master", member=member.pk, is_chain_master="1", version=history_version(member))
    member.refresh_from_db()
    assert member.is_chain_master
    assert "取消链主须填写原因" in chain_post(client, chains, form="master", member=member.pk,
                                              is_chain_master="0", version=history_version(member)).content.decode()
    assert "移除链上企业须填写原因" in chain_post(client, chains, form="remove_member",
                                                  member=member.pk).content.decode()
    chain_post(client, chains, form="remove_member", member=member.pk, reason="企业迁出")
    assert not ChainMember.objects.filter(pk=member.pk).exists()
    gone = ChainMember.history.filter(id=member.pk).first()
    assert (gone.history_type, gone.history_change_reason, gone.history_user) == ("-", "企业迁出", chains.users.a_data)


@time_machine.travel(NOW)
def test_changing_the_chain_leader_needs_a_reason(client, chains):
    client.force_login(chains.users.a_data)
    blind = chain_post(client, chains, form="leader", chain_leader="区长 王某", reason="人事调整").content.decode()
    assert "缺少所读到的版本（version），未作任何修改" in blind, "a version-less POST is refused naming the field"
    seen = history_version(chains.food)
    assert "更换链长须填写原因" in chain_post(client, chains, form="leader", chain_leader="区长 王某",
                                              version=seen).content.decode()
    chain_post(client, chains, form="leader", chain_leader="区长 王某", reason="人事调整", version=seen)
    chains.food.refresh_from_db()
    assert chains.food.chain_leader == "区长 王某"
    assert chains.food.history.order_by("-history_id").first().history_change_reason == "人事调整"


@time_machine.travel(NOW)
def test_the_city_may_edit_a_district_chain_and_district_b_may_not_add_its_enterprise(chains):
    link = services.add_link(chains.users.city_admin, chains.food, segment="downstream", name="冷链物流")
    assert link.order == 1 and link.chain == chains.food
    with pytest.raises(PermissionDenied):
        services.add_link(chains.users.b_data, chains.food, segment="upstream", name="x")
    with pytest.raises(PermissionDenied):
        services.set_chain_leader(chains.users.a_leader, chains.food, "某")
    with pytest.raises(Refused) as refused:
        services.add_member(chains.users.a_data, link, enterprise=chains.b_ent)
    assert "无权选择该企业" in refused.value.reasons


@time_machine.travel(NOW)
def test_the_new_pages_speak_english_when_the_user_switches(client, chains, lead):
    client.force_login(chains.users.a_data)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    pages = {reverse("investment:new_lead", args=[chains.a.pk]): "Register an investment lead",
             reverse("investment:edit", args=[lead.pk]): "Reason for revision",
             reverse("investment:batches", args=[chains.a.pk]) + "?year=2025": "No projects signed",
             reverse("investment:upload", args=[chains.a.pk]): "Excel",
             reverse("investment:chain", args=[chains.food.pk]): "Add",
             reverse("investment:ledger", args=[chains.a.pk]): "Register a lead"}
    for url, words in pages.items():
        response = client.get(url)
        assert response.status_code == 200 and words in response.content.decode(), url


@time_machine.travel(NOW)
def test_an_enterprise_typed_by_its_registered_name_is_linked_to_the_register(chains):
    member = services.add_member(chains.users.a_data, chains.sauce, name="三全食品股份有限公司")
    assert member.enterprise == chains.a_ent
    other = services.add_member(chains.users.a_data, chains.sauce, name="中原某企业")  # district B's: not linked
    assert other.enterprise is None


# --- the ledger's year: the list and the export follow it ------------------------------------------

@pytest.fixture
def years(chains):
    """Three projects of district A: a lead of 2025; one led in 2024 and signed in 2025 (in both years);
    one of 2023 only. District B has one of 2025."""
    u = chains.users.a_data
    with time_machine.travel(NOW):
        services.create_lead(u, organisation=chains.a, name="今年线索", investor="某集团", lead_date=date(2025, 2, 1))
        both = services.create_lead(u, organisation=chains.a, name="跨年项目", investor="某集团",
                                    lead_date=date(2024, 11, 1), amount="30")
        services.transition(u, both, services.SIGN, when=date(2025, 1, 15))
        services.create_lead(u, organisation=chains.a, name="前年线索", investor="某集团", lead_date=date(2023, 6, 1))
        services.create_lead(chains.users.b_data, organisation=chains.b, name="中原线索", investor="某集团",
                             lead_date=date(2025, 2, 1))
    return chains


def listed(page: str) -> set[str]:
    return {name for name in ("今年线索", "跨年项目", "前年线索", "中原线索") if f">{name}</a>" in page}


def exported(client, org, query: str) -> tuple[str, list[str]]:
    import io

    from openpyxl import load_workbook

    response = client.get(reverse("investment:export", args=[org.pk]) + query)
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return rows[1][0], [r[2] for r in rows[4:]]


@time_machine.travel(NOW)
def test_the_ledger_list_follows_the_chosen_year_and_an_empty_year_means_all(client, years):
    client.force_login(years.users.a_leader)
    url = reverse("investment:ledger", args=[years.a.pk])
    page = client.get(url).content.decode()  # no year: this year, for the funnel and the list alike
    assert listed(page) == {"今年线索", "跨年项目"} and 'name="year" id="ledger-year" value="2025"' in page
    assert "2025年的招商项目" in page
    assert listed(client.get(url, {"year": 2024}).content.decode()) == {"跨年项目"}
    assert listed(client.get(url, {"year": 2023}).content.decode()) == {"前年线索"}
    page = client.get(url, {"year": ""}).content.decode()  # the field cleared: all years
    assert listed(page) == {"今年线索", "跨年项目", "前年线索"} and "全部年度的招商项目" in page
    assert 'value=""' in page and "2025年 招商引资" in page  # the funnel and targets stay on this year
    page = client.get(url, {"year": "", "state": "signed"}).content.decode()
    assert listed(page) == {"跨年项目"}
    # the export link carries the list's year, "all years" included
    assert reverse("investment:export", args=[years.a.pk]) + "?year=2024" in client.get(url,
                                                                                        {"year": 2024}).content.decode()
    assert reverse("investment:export", args=[years.a.pk]) + "?year=&amp;state=signed" in page
    for bad in ("abc", "99999", "0"):
        assert client.get(url, {"year": bad}).status_code == 400, bad


@time_machine.travel(NOW)
def test_the_ledger_export_follows_the_chosen_year_as_the_page_does(client, years):
    client.force_login(years.users.a_leader)
    subtitle, names = exported(client, years.a, "?year=2024")
    assert names == ["跨年项目"] and subtitle.endswith("年度：2024年")
    subtitle, names = exported(client, years.a, "")
    assert names == ["今年线索", "跨年项目"] and subtitle.endswith("年度：2025年")
    subtitle, names = exported(client, years.a, "?year=")
    assert names == ["今年线索", "跨年项目", "前年线索"] and subtitle.endswith("年度：全部")
    subtitle, names = exported(client, years.a, "?year=2025&state=signed")
    assert names == ["跨年项目"] and subtitle.endswith("年度：2025年  状态：签约")
    assert client.get(reverse("investment:export", args=[years.a.pk]), {"year": "x"}).status_code == 400


@time_machine.travel(NOW)
def test_the_year_plan_entered_on_the_lead_form_shows_on_the_record_and_a_wrong_one_is_refused(client, chains):
    client.force_login(chains.users.a_data)
    url = reverse("investment:new_lead", args=[chains.a.pk])
    page = client.post(url, lead_post(chains, year_plan="400")).content.decode()
    assert "年度计划投资不能大于投资额" in page and not InvestmentProject.objects.exists()
    client.post(url, lead_post(chains, year_plan="45.5"))
    project = InvestmentProject.objects.get()
    assert project.year_plan == Decimal("45.5")
    page = client.get(reverse("investment:project", args=[project.pk])).content.decode()
    assert "年度计划投资" in page and "45.5" in page


@time_machine.travel(NOW)
def test_the_records_history_says_who_did_what_to_which_field_as_every_other_history(client, chains, lead):
    """The shared audit (core/_audit.html): 操作人 by name and post, the 操作 (新建, 修改), each field from
    what to what, and why; never a bare table of amounts and versions."""
    from luoshi.organisations.selectors import person_label

    services.update_investment(chains.users.a_data, lead, amount="15", reason="投资方追加投资")
    client.force_login(chains.users.a_leader)
    page = client.get(reverse("investment:project", args=[lead.pk])).content.decode()
    audit = page[page.index('id="audit"'):]
    assert "操作人" in audit and person_label(chains.users.a_data) in audit
    assert "新建" in audit and "修改" in audit and "投资方追加投资" in audit
    assert "投资额(亿元):<del>12</del> → <ins>15</ins>" in audit
