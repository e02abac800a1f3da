"""The catalogue of core indicators (核心指标目录) from DOMAIN.md section 1; admins add more in the admin."""
from luoshi.indicators.models import Frequency, Indicator

M, Q = Frequency.MONTHLY, Frequency.QUARTERLY
# code, name, aliases, unit, cumulative, frequency
CORE_INDICATORS = [
    ("gdp", "地区生产总值", "GDP、生产总值、全区生产总值", "亿元", True, Q),
    ("industrial_va", "规模以上工业增加值", "规上工业增加值、规上工业", "亿元", True, M),
    ("fixed_investment", "固定资产投资", "固投", "亿元", True, M),
    ("industrial_investment", "工业投资", "", "亿元", True, M),
    ("retail_sales", "社会消费品零售总额", "社消零、社会消费品零售额", "亿元", True, M),
    ("budget_revenue", "一般公共预算收入", "财政一般公共预算收入、财政收入", "亿元", True, M),
    ("foreign_investment", "实际利用外资", "利用外资", "万美元", True, M),
    ("resident_income", "居民人均可支配收入", "居民收入", "元", True, Q),
    ("vehicle_output", "整车生产", "整车产量", "辆", True, M),
    ("vehicle_export", "整车出口", "", "辆", True, M),
    ("china_europe_trains", "中欧班列开行", "中欧班列开行量、中欧班列", "班", True, M),
    ("land_reserve", "土地收储", "收储土地", "亩", True, M),
    ("land_supply", "土地供应", "供应土地", "亩", True, M),
    ("resettlement_housing", "安置房建成", "建成安置房", "万平方米", True, M),
    ("new_high_tech", "新增高新技术企业", "高新技术企业", "家", True, Q),
    ("new_specialised", "新增专精特新企业", "专精特新企业、专精特新", "家", True, Q),
    ("new_tech_sme", "新增国家科技型中小企业", "科技型中小企业", "家", True, Q),
    ("new_above_scale_industrial", "新增规上工业企业", "新增规模以上工业企业", "家", True, Q),
    ("new_four_above", "新增“四上”企业", "新增四上企业、四上企业", "家", True, Q),
    ("new_urban_jobs", "新增城镇就业", "城镇新增就业", "人", True, M),
    ("tech_contracts", "技术合同成交额", "", "亿元", True, M),
    ("rd_coverage", "规上工业企业研发活动覆盖率", "研发活动覆盖率", "%", False, Q),
]


def ensure_catalogue() -> int:
    """Create the core indicators that are missing; existing ones (and admins' edits) are kept."""
    created = 0
    for order, (code, name, aliases, unit, cumulative, frequency) in enumerate(CORE_INDICATORS, start=1):
        _obj, was_created = Indicator.objects.get_or_create(
            code=code, defaults=dict(name=name, aliases=aliases, unit=unit, cumulative=cumulative,
                                     frequency=frequency, sort_order=order * 10))
        created += was_created
    return created
