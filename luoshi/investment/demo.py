"""Demo industry chains: the chains each seed names for its district, with the enterprises the seeds
name (三全, 思念, 中铝郑州, 中原四季物流港, 信基调味品城 …) and their seed as source. The links of each
chain and the filler enterprises are made up (marked synthetic): the seeds do not list them."""
from decimal import Decimal

from luoshi.core.periods import today
from luoshi.investment.models import ChainLevel, ChainLink, ChainMember, IndustryChain, Segment
from luoshi.organisations.models import Enterprise, Organisation

S0, S1, S2, S3 = "000_fe62a0247c95cbc5.txt", "001_9ad7097c21d10d23.txt", "002_b7bdd805f71aa3f4.txt", \
    "003_3604f306ed372a90.txt"
U, M, D = Segment.UPSTREAM, Segment.MIDSTREAM, Segment.DOWNSTREAM
# district, chain, seed, links: (segment, link, planned, [(enterprise, 链主, real)])
CHAINS = [
    ("惠济区", "食品", S0, [
        (U, "农产品种植与原料基地", False, [("惠济区蔬菜合作社", False, False)]),
        (M, "速冻食品制造", False, [("三全食品股份有限公司", True, True), ("郑州思念食品有限公司", True, True)]),
        (M, "调味品加工", False, []),
        (D, "食品批发市场", False, [("中原四季物流港", False, True), ("信基调味品城", False, True)]),
        (D, "冷链物流", False, [("惠济冷链仓储公司", False, False)]),
    ]),
    ("惠济区", "预制菜", S3, [
        (U, "中央厨房原料", False, []),
        (M, "预制菜加工", False, [("三全食品股份有限公司", False, True)]),
        (D, "国际食品贸易", True, []),
    ]),
    ("上街区", "铝加工", S3, [
        (U, "氧化铝与电解铝", False, [("中铝郑州有色金属研究院有限公司", True, True)]),
        (M, "铝板带箔轧制", False, [("上街铝材加工厂", False, False), ("上街铝型材公司", False, False)]),
        (M, "再生铝", False, [("10万吨再生铝项目公司", False, True)]),
        (D, "镓和锂系列产品", True, []),
    ]),
    ("上街区", "智能家电", S3, [(M, "家电整机", False, []), (U, "电机与控制器", False, [])]),
    ("上街区", "阀门", S3, [(M, "阀门制造", False, [("上街阀门厂", False, False)])]),
    ("中原区", "轨道交通", S2, [(M, "轨道交通装备", False, [("中原轨道装备公司", False, False)]),
                             (D, "运维服务", False, [])]),
    ("中原区", "医疗器械", S2, [(M, "医疗器械制造", False, []), (U, "医用材料", True, [])]),
    ("经开区", "汽车", S1, [(M, "整车制造", False, [("经开区整车企业", True, False)]),
                          (U, "零部件", False,
                           [("经开区零部件企业甲", False, False), ("经开区零部件企业乙", False, False),
                                              ("经开区零部件企业丙", False, False)]),
                          (D, "整车出口", False, [("中欧班列(郑州)", False, True)])]),
    ("经开区", "新能源储能", S1, [(M, "储能系统集成", False, [("协鑫新能源储能产业集群项目公司", True, True)]),
                               (U, "电芯", True, [])]),
]


def load() -> int:
    """Create the demo chains that do not exist yet (safe to repeat); returns how many were made."""
    made = 0
    for district_name, chain_name, seed, links in CHAINS:
        district = Organisation.objects.filter(short_name=district_name, parent__isnull=False).first()
        if district is None or IndustryChain.objects.filter(organisation=district, name=chain_name).exists():
            continue
        chain = IndustryChain.objects.create(organisation=district, name=chain_name, level=ChainLevel.COUNTY,
                                             source=seed, description="环节为合成;链名见来源")
        for order, (segment, link_name, planned, members) in enumerate(links, start=1):
            link = ChainLink.objects.create(chain=chain, segment=segment, name=link_name, order=order, planned=planned)
            for name, master, real in members:
                ChainMember.objects.create(link=link, name=name, is_chain_master=master,
                                           enterprise=Enterprise.objects.filter(name=name).first(),
                                           source=seed if real else "合成", is_synthetic=not real)
        made += 1
    return made


# --- the investment ledger -------------------------------------------------------------------------

def load_ledger() -> int:
    """经开区 2023: 38 signed projects, 965亿元 in all, 协鑫新能源储能产业集群 300亿元 among them (S1);
    its 2024 aim ≥1000亿元 (S1); 惠济区 2025: ≥450亿元 and one project of 50–100亿元 (S0); 中原区 2025:
    ≥60 new signed projects and 400亿元 (S2). The other 37 projects of 经开区 share the remaining 665亿元
    (synthetic, marked); this year's leads of the three districts are synthetic too."""
    import random
    from datetime import date, timedelta

    from django.contrib.auth import get_user_model

    from luoshi.core.records import save_with_history
    from luoshi.investment import services
    from luoshi.investment.models import InvestmentProject, InvestmentState, InvestmentStep, Measure

    admin = get_user_model().objects.filter(is_superuser=True).first()
    jk = Organisation.objects.filter(short_name="经开区").first()
    if admin is None or jk is None or InvestmentProject.objects.filter(organisation=jk).exists():
        return 0
    rng = random.Random(965)
    made = 0

    def signed(org, name, investor, amount, signed_on, source, synthetic, state=InvestmentState.SIGNED):
        nonlocal made
        project = InvestmentProject(organisation=org, name=name, investor=investor, amount=Decimal(amount),
                                    lead_date=signed_on - timedelta(days=60), signed_date=signed_on, state=state,
                                    source=source, is_synthetic=synthetic)
        save_with_history(project, admin, "演示数据")
        InvestmentStep.objects.create(project=project, actor=admin, action="sign", from_state="lead",
                                      to_state=state, text=source)
        made += 1

    signed(jk, "协鑫新能源储能产业集群", "协鑫集团", "300", date(2023, 6, 18), S1, False)
    rest = [Decimal(rng.randint(5, 40)) for _ in range(37)]
    rest = [r * Decimal(665) / sum(rest) for r in rest]
    rest = [r.quantize(Decimal("0.01")) for r in rest]
    rest[-1] += Decimal(665) - sum(rest)  # the 37 add up to exactly 665亿元
    for i, amount in enumerate(rest, start=1):
        signed(jk, f"经开区2023年签约项目{i:02d}", "合成投资方", amount, date(2023, 1, 1) + timedelta(days=9 * i),
               "合成", True)
    targets = [(jk, 2024, Measure.SIGNED_AMOUNT, "突破1000亿元", None, None, S1)]
    for short, seed, rows in (
            ("惠济区", S0, [(Measure.SIGNED_AMOUNT, "不低于450亿元", None, None),
                            (Measure.SIZED_COUNT, "不少于1个", Decimal(50), Decimal(100))]),
            ("中原区", S2, [(Measure.SIGNED_COUNT, "不少于60个", None, None),
                            (Measure.SIGNED_AMOUNT, "达到400亿元", None, None)])):
        org = Organisation.objects.filter(short_name=short).first()
        if org is None:
            continue
        targets += [(org, 2025, m, w, lo, hi, seed) for m, w, lo, hi in rows]
        year = demo_year()
        for i in range(rng.randint(6, 12)):
            project = services.create_lead(admin, organisation=org, name=f"{short}招商线索{i + 1:02d}",
                                           investor="合成投资方", lead_date=date(year, rng.randint(1, 9), 5),
                                           is_synthetic=True, source="合成")
            made += 1
            if i % 3 != 2:
                services.transition(admin, project, services.SIGN, amount=str(rng.randint(3, 80)),
                                    when=project.lead_date + timedelta(days=rng.randint(20, 50)))
    for org, year, measure, wording, lo, hi, seed in targets:
        services.set_target(admin, organisation=org, year=year, measure=measure, wording=wording, min_amount=lo,
                            max_amount=hi, source=seed)
    return made


def demo_year() -> int:
    """The demo's year (core.demo.DEMO_YEAR), or this year if that has not come yet."""
    from luoshi.core.demo import DEMO_YEAR

    return min(DEMO_YEAR, today().year)


def load_demo() -> str:
    """The chains, then the investment ledger, for load_demo."""
    return f"{load()} chains, {load_ledger()} leads"
