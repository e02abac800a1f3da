"""Industry chains: each link's gap (补链 / 强链 / 延链) is computed from the enterprises present; the
panorama and the 招商地图 show it; a district sees only its own chains."""
import pytest
from django.urls import reverse

from luoshi.investment.models import ChainLink, ChainMember, IndustryChain, Segment
from luoshi.investment.selectors import EXTEND, MISSING, STRONG, WEAK, chains_overview, investment_map, panorama


@pytest.fixture
def chains(world):
    food = IndustryChain.objects.create(organisation=world.a, name="食品", chain_leader="区长")
    base = ChainLink.objects.create(chain=food, segment=Segment.UPSTREAM, name="原料基地")
    frozen = ChainLink.objects.create(chain=food, segment=Segment.MIDSTREAM, name="速冻食品")
    ChainLink.objects.create(chain=food, segment=Segment.MIDSTREAM, name="调味品")
    ChainLink.objects.create(chain=food, segment=Segment.DOWNSTREAM, name="国际贸易", planned=True)
    ChainMember.objects.create(link=base, name="合作社")
    ChainMember.objects.create(link=frozen, name="三全食品股份有限公司", enterprise=world.a_ent, is_chain_master=True)
    rail = IndustryChain.objects.create(organisation=world.b, name="轨道交通")
    ChainLink.objects.create(chain=rail, segment=Segment.MIDSTREAM, name="装备")
    world.food, world.rail = food, rail
    return world


def test_each_link_is_missing_weak_extension_or_complete_with_the_reason(chains):
    states = {s.link.name: s for s in panorama(chains.users.a_data, chains.food.pk)["states"]}
    assert states["调味品"].status == MISSING and "补链" in states["调味品"].label
    assert states["原料基地"].status == WEAK and states["原料基地"].reason == "仅1家企业且无链主，需强链"
    assert states["国际贸易"].status == EXTEND
    assert states["速冻食品"].status == STRONG and "链主：三全食品股份有限公司" in states["速冻食品"].reason


def test_weak_threshold_is_a_setting(chains, settings):
    settings.LUOSHI = {**settings.LUOSHI, "WEAK_LINK_MIN_ENTERPRISES": 1}
    states = {s.link.name: s.status for s in panorama(chains.users.a_data, chains.food.pk)["states"]}
    assert states["原料基地"] == STRONG


def test_panorama_tree_has_segments_links_and_enterprises_with_anchors_starred(chains):
    tree = panorama(chains.users.a_leader, chains.food.pk)["tree"]
    assert [s["name"] for s in tree["children"]] == ["上游", "中游", "下游"]
    frozen = tree["children"][1]["children"][0]
    assert frozen["name"] == "速冻食品(完整)" and frozen["children"] == [{"name": "★三全食品股份有限公司"}]


def test_investment_map_lists_only_the_gaps_of_visible_chains(chains):
    gaps = investment_map(chains.users.a_data)
    assert {(s.link.name, s.status) for s in gaps} == {("原料基地", WEAK), ("调味品", MISSING), ("国际贸易", EXTEND)}
    assert {s.link.name for s in investment_map(chains.users.b_data)} == {"装备"}


def test_city_view_counts_chains_by_level_and_anchor_enterprises_against_the_target(chains):
    overview = chains_overview(chains.users.city_admin, chains.city)
    assert overview["by_level"]["县级"] == 2 and overview["masters"] == 1 and overview["masters_target"] == 50


def test_district_b_cannot_open_district_a_chain(client, chains):
    client.force_login(chains.users.b_data)
    assert client.get(reverse("investment:chain", args=[chains.food.pk])).status_code == 404
    client.force_login(chains.users.a_leader)
    page = client.get(reverse("investment:chain", args=[chains.food.pk])).content.decode()
    assert "食品产业链全景图" in page and "仅1家企业且无链主，需强链" in page
    page = client.get(reverse("investment:chains", args=[chains.a.pk])).content.decode()
    assert "招商地图" in page and "轨道交通" not in page


def test_demo_chains_carry_the_seed_as_source_and_mark_filler_synthetic(world):
    from luoshi.investment.demo import load

    for name, short in (("上街区", "上街区"), ("经开区", "经开区")):
        world.city.children.create(name=name, short_name=short, kind="district")
    assert load() > 0 and load() == 0
    sanquan = ChainMember.objects.filter(name="三全食品股份有限公司").first()
    assert sanquan.source == "000_fe62a0247c95cbc5.txt"
    assert not sanquan.is_synthetic and sanquan.enterprise == world.a_ent
    assert ChainMember.objects.get(name="上街铝材加工厂").is_synthetic
