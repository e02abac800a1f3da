"""The demo district (演示数据), built from the five seed articles in ../shared/seeds.

Every real figure carries the seed file it comes from. Organisations and people that the seeds do not
name are marked synthetic. Monthly series around the real figures come from
`python -m luoshi generate-synthetic` (luoshi/indicators/synthetic.py), also marked synthetic.
"""
from django.contrib.auth import get_user_model
from django.db import transaction

from luoshi.indicators.catalogue import ensure_catalogue
from luoshi.indicators.models import Indicator
from luoshi.indicators.services import record_actual, set_target
from luoshi.organisations.credit_code import check_char
from luoshi.organisations.models import Enterprise, Organisation, OrgKind, Profile, Role

S0, S1, S2, S3, S4 = ("000_fe62a0247c95cbc5.txt", "001_9ad7097c21d10d23.txt", "002_b7bdd805f71aa3f4.txt",
                      "003_3604f306ed372a90.txt", "004_93af1adbde38ab4e.txt")
SYNTHETIC = "合成"
DEMO_PASSWORD = "luoshi-demo-2026"

CITY = ("郑州市", "郑州市")
# name, short name, kind, the seed that names it
DISTRICTS = [
    ("郑州经济技术开发区", "经开区", OrgKind.DEV_ZONE, S1),
    ("惠济区", "惠济区", OrgKind.DISTRICT, S0),
    ("中原区", "中原区", OrgKind.DISTRICT, S2),
    ("郑东新区", "郑东新区", OrgKind.DEV_ZONE, S4),
    ("荥阳市", "荥阳市", OrgKind.COUNTY_CITY, S3),
    ("上街区", "上街区", OrgKind.DISTRICT, S3),
]
CITY_UNITS = [
    ("郑州市工业和信息化局", "市工信局", OrgKind.DEPARTMENT, S3),
    ("郑州市发展和改革委员会", "市发改委", OrgKind.DEPARTMENT, ""),
]
# district short name -> its units (name, short, kind, seed or "" for synthetic)
UNITS = {
    "经开区": [("纪检监察工委", "纪检监察工委", OrgKind.DEPARTMENT, S1),
             ("经济发展局", "经发局", OrgKind.DEPARTMENT, ""),
             ("统计局", "统计局", OrgKind.DEPARTMENT, ""),
             ("明湖办事处", "明湖办事处", OrgKind.TOWN, ""),
             ("经开区投资发展集团", "投资集团", OrgKind.PLATFORM, "")],
    "惠济区": [("发展和改革委员会", "发改委", OrgKind.DEPARTMENT, ""),
             ("统计局", "统计局", OrgKind.DEPARTMENT, ""),
             ("纪检监察工委", "纪检监察工委", OrgKind.DEPARTMENT, ""),
             ("古荥镇", "古荥镇", OrgKind.TOWN, S0),
             ("花园口镇", "花园口镇", OrgKind.TOWN, S0),
             ("惠济区城市发展投资有限公司", "城发公司", OrgKind.PLATFORM, "")],
    "中原区": [("发展和改革委员会", "发改委", OrgKind.DEPARTMENT, ""),
             ("统计局", "统计局", OrgKind.DEPARTMENT, ""),
             ("须水街道", "须水街道", OrgKind.TOWN, S2),
             ("中原区国有资产投资有限公司", "国投公司", OrgKind.PLATFORM, "")],
    "郑东新区": [("经济发展局", "经发局", OrgKind.DEPARTMENT, "")],
    "荥阳市": [("发展和改革委员会", "发改委", OrgKind.DEPARTMENT, "")],
    "上街区": [("发展和改革委员会", "发改委", OrgKind.DEPARTMENT, "")],
}
# Enterprises the seeds name; credit codes are synthetic (valid check digit, marked synthetic).
ENTERPRISES = [
    ("三全食品股份有限公司", "食品", True, "惠济区", S0),
    ("郑州思念食品有限公司", "食品", True, "惠济区", S0),
    ("中铝郑州有色金属研究院有限公司", "铝加工", True, "上街区", S3),
    ("协鑫新能源储能产业集群项目公司", "新能源储能", False, "经开区", S1),
    ("奇安信科技集团郑州分公司", "数字经济", False, "郑东新区", S4),
]

# Real results: (district, indicator code, year, month, cumulative value, growth %, seed, note)
ACTUALS = [
    ("经开区", "gdp", 2013, 12, "305.6", None, S1, "2013年地区生产总值305.6亿元"),
    ("经开区", "budget_revenue", 2013, 12, "17.9", None, S1, "财政一般公共预算收入由17.9亿元提升至107.99亿元"),
    ("经开区", "gdp", 2023, 12, "1328.4", "8.2", S1, "全年地区生产总值完成1328.4亿元,同比增长8.2%,增速近五年最高"),
    ("经开区", "industrial_va", 2023, 12, "640.3", "12.9", S1, "规模以上工业增加值完成640.3亿元,同比增长12.9%,占全市1/4"),
    ("经开区", "fixed_investment", 2023, 12, "336.6", None, S1, "固定资产投资完成336.6亿元"),
    ("经开区", "industrial_investment", 2023, 12, "129.2", "18.8", S1, "其中工业投资完成129.2亿元,同比增长18.8%"),
    ("经开区", "retail_sales", 2023, 12, "503.5", "5.5", S1, "社会消费品零售额完成503.5亿元,同比增长5.5%"),
    ("经开区", "budget_revenue", 2023, 12, "107.99", "4.5", S1, "一般公共预算收入完成107.99亿元,同比增长4.5%"),
    ("经开区", "foreign_investment", 2023, 12, "4741", None, S1, "实际利用外资4741万美元,占全市22%"),
    ("经开区", "vehicle_output", 2023, 12, "565000", None, S1, "整车生产56.5万辆,创历史最高"),
    ("经开区", "vehicle_export", 2023, 12, "169000", None, S1, "整车出口16.9万辆,增长近一倍"),
    ("惠济区", "gdp", 2024, 9, "241.8", "6", S0, "前三季度生产总值完成241.8亿元,增长6%,连续3个季度累计增速居6区第一"),
    ("惠济区", "new_four_above", 2024, 9, "158", None, S0, "新增“四上”企业158家"),
    ("中原区", "land_reserve", 2024, 12, "1106", None, S2, "在2024年收储1106亩"),
    ("中原区", "land_supply", 2024, 12, "4883", None, S2, "供应4883亩"),
]
# Real targets: (organisation short name, indicator code, year, wording as written, seed)
TARGETS = [
    ("惠济区", "gdp", 2025, "增长6%左右", S0),
    ("惠济区", "fixed_investment", 2025, "增长8%", S0),
    ("惠济区", "industrial_va", 2025, "增长10%以上", S0),
    ("惠济区", "retail_sales", 2025, "增长6%以上", S0),
    ("惠济区", "budget_revenue", 2025, "增长2%左右", S0),
    ("中原区", "land_reserve", 2025, "力争收储土地不低于1100亩", S2),
    ("中原区", "land_supply", 2025, "力争供应土地2000亩以上", S2),
    ("中原区", "resettlement_housing", 2025, "全年计划建成安置房335万平方米", S2),
    ("中原区", "new_specialised", 2025, "力争新增10家省级以上“专精特新”企业", S2),
    ("中原区", "new_high_tech", 2025, "力争新增40家高新技术企业", S2),
    ("中原区", "new_urban_jobs", 2025, "全年实现新增城镇就业2万人", S2),
    ("中原区", "tech_contracts", 2025, "力争全区技术合同成交额达86亿元", S2),
    ("荥阳市", "new_high_tech", 2023, "力争新增高新技术企业30家", S3),
    ("荥阳市", "new_tech_sme", 2023, "新增国家科技型中小企业180家", S3),
    ("上街区", "china_europe_trains", 2023, "争取今年开行100列以上", S3),
    ("市工信局", "industrial_investment", 2023, "确保全年工业投资增长30%", S3),
    ("市工信局", "industrial_va", 2023, "确保全年规上工业增加值增长8%以上", S3),
    ("市工信局", "new_above_scale_industrial", 2023, "新增规上工业企业300家", S3),
    ("市工信局", "new_specialised", 2023, "省级“专精特新”企业300家", S3),
    ("市工信局", "rd_coverage", 2023, "规上工业企业研发活动覆盖率突破70%", S3),
]
# Demo logins, one per role: username, display name, role, organisation short name (district or unit)
USERS = [
    ("city_admin", "市发改委 管理员", Role.CITY_ADMIN, "郑州市"),
    ("jingkai_leader", "经开区 管委会主任", Role.DISTRICT_LEADER, "经开区"),
    ("jingkai_data", "经开区 统计局", Role.DISTRICT_DATA, "经开区"),
    ("huiji_leader", "惠济区 区长", Role.DISTRICT_LEADER, "惠济区"),
    ("huiji_data", "惠济区 发改委", Role.DISTRICT_DATA, "惠济区"),
    ("huiji_guxing", "古荥镇 工作人员", Role.UNIT_STAFF, "惠济区/古荥镇"),
    ("huiji_jiwei", "惠济区 纪检监察工委", Role.DISCIPLINE, "惠济区"),
    ("zhongyuan_data", "中原区 发改委", Role.DISTRICT_DATA, "中原区"),
    ("zhongyuan_leader", "中原区 区长", Role.DISTRICT_LEADER, "中原区"),
    ("zhongyuan_duchashi", "中原区 督查室", Role.SUPERVISION, "中原区"),
    ("zhongyuan_xushui", "须水街道 工作人员", Role.UNIT_STAFF, "中原区/须水街道"),
    ("jingkai_duchashi", "经开区 督查室", Role.SUPERVISION, "经开区"),
    ("sanquan", "三全食品 联络员", Role.ENTERPRISE, "三全食品股份有限公司"),
]


def synthetic_credit_code(index: int, district_code: str = "410100") -> str:
    first17 = f"91{district_code}MA{index:07d}"[:17].ljust(17, "0")
    return first17 + check_char(first17)


def _org(parent, name, short, kind, seed):
    org, _ = Organisation.objects.get_or_create(
        parent=parent, name=name,
        defaults=dict(short_name=short, kind=kind, source=seed or SYNTHETIC, is_synthetic=not seed))
    return org


@transaction.atomic
def load_demo(stdout=None) -> dict:
    """Create (or complete) the demo city; safe to run again: nothing is duplicated or overwritten."""
    ensure_catalogue()
    User = get_user_model()
    admin, created = User.objects.get_or_create(username="admin", defaults=dict(is_superuser=True, is_staff=True))
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    city = _org(None, CITY[0], CITY[1], OrgKind.CITY, S3)
    orgs = {"郑州市": city}
    for name, short, kind, seed in CITY_UNITS:
        orgs[short] = _org(city, name, short, kind, seed)
    for name, short, kind, seed in DISTRICTS:
        district = orgs[short] = _org(city, name, short, kind, seed)
        for u_name, u_short, u_kind, u_seed in UNITS.get(short, []):
            orgs[f"{short}/{u_short}"] = _org(district, u_name, u_short, u_kind, u_seed)
    enterprises = {}
    for i, (name, industry, above, district, seed) in enumerate(ENTERPRISES, start=1):
        enterprises[name], _ = Enterprise.objects.get_or_create(
            name=name, defaults=dict(credit_code=synthetic_credit_code(i), industry=industry, is_above_scale=above,
                                     district=orgs[district], source=f"{seed};信用代码为{SYNTHETIC}",
                                     is_synthetic=False))
    indicators = {i.code: i for i in Indicator.objects.all()}
    for short, code, year, wording, seed in TARGETS:
        set_target(admin, organisation=orgs[short], indicator=indicators[code], year=year, wording=wording,
                   source=seed, reason=f"种子数据:{seed}")
    for short, code, year, month, value, growth, seed, note in ACTUALS:
        record_actual(admin, organisation=orgs[short], indicator=indicators[code], year=year, month=month,
                      value=value, growth_pct=growth, note=note, source=seed, reason=f"种子数据:{seed}")
    for username, display, role, where in USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Profile.objects.update_or_create(user=user, defaults=dict(
            role=role, display_name=display,
            organisation=orgs.get(where), enterprise=enterprises.get(where)))
    return {"organisations": orgs, "admin": admin}
