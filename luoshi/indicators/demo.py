"""The demo ledger: the targets and results the seeds state (each with its seed file), then the synthetic
monthly series around them (luoshi/indicators/synthetic.py, marked synthetic)."""
from django.contrib.auth import get_user_model
from django.db import transaction

from luoshi.core.demo import DEMO_YEAR, S0, S1, S2, S3
from luoshi.core.periods import Period
from luoshi.indicators.catalogue import ensure_catalogue
from luoshi.indicators.models import Indicator
from luoshi.indicators.services import record_actual, set_target
from luoshi.indicators.synthetic import generate
from luoshi.organisations.models import Organisation

# Real results: (district, indicator code, year, month, cumulative value, growth %, seed, note)
ACTUALS = [
    ("经开区", "gdp", 2013, 12, "305.6", None, S1, "2013年地区生产总值305.6亿元"),
    ("经开区", "budget_revenue", 2013, 12, "17.9", None, S1, "财政一般公共预算收入由17.9亿元提升至107.99亿元"),
    ("经开区", "gdp", 2023, 12, "1328.4", "8.2", S1, "全年地区生产总值完成1328.4亿元,同比增长8.2%,增速近五年最高"),
    ("经开区", "industrial_va", 2023, 12, "640.3", "12.9", S1,
     "规模以上工业增加值完成640.3亿元,同比增长12.9%,占全市1/4"),
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


def _organisations() -> dict:
    """The seeds' organisations by the short names above ("郑州市", a district, or a city unit)."""
    return {o.short_name: o for o in Organisation.objects.filter(parent__parent__isnull=True)} | {
        o.short_name: o for o in Organisation.objects.filter(parent__isnull=True)}


@transaction.atomic
def load() -> str:
    """The seeds' targets and results, then the synthetic filler up to the demo year's December."""
    ensure_catalogue()
    admin = get_user_model().objects.get(username="admin")
    orgs = _organisations()
    indicators = {i.code: i for i in Indicator.objects.all()}
    for short, code, year, wording, seed in TARGETS:
        set_target(admin, organisation=orgs[short], indicator=indicators[code], year=year, wording=wording,
                   source=seed, reason=f"种子数据:{seed}")
    for short, code, year, month, value, growth, seed, note in ACTUALS:
        record_actual(admin, organisation=orgs[short], indicator=indicators[code], year=year, month=month,
                      value=value, growth_pct=growth, note=note, source=seed, reason=f"种子数据:{seed}")
    result = generate(last=min(Period.current().previous(1), Period(DEMO_YEAR, 12)))
    return f"{len(TARGETS)} seed targets, {len(ACTUALS)} seed results, {result['actuals']} synthetic actuals"
