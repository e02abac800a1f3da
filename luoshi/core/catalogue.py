"""The catalogue of core indicators (核心指标目录) from DOMAIN.md section 1, as plain rows; the indicator
ledger creates them (indicators/catalogue.py, ensure_catalogue) and admins add more in the admin.
Here in core, not in the ledger, because the target-wording reader (core.target_wording) and the report
reader (ingestion) name indicators by these rows without reaching into the indicators app.

Each row: code, name, aliases, unit, cumulative, frequency, direction, measure. Rates (失业率, 涨幅,
覆盖率, 比重) are entered as the rate and judged without 同比; lower-is-better indicators are judged the
other way round (a larger value is never better).
"""
import re

from luoshi.core.targets import Direction, Frequency, Measure

M, Q = Frequency.MONTHLY, Frequency.QUARTERLY
UP, DOWN = Direction.HIGHER, Direction.LOWER
AMOUNT, RATE = Measure.AMOUNT, Measure.RATE
CORE_INDICATORS = [
    ("gdp", "地区生产总值", "GDP、生产总值、全区生产总值", "亿元", True, Q, UP, AMOUNT),
    ("industrial_va", "规模以上工业增加值", "规上工业增加值、规上工业", "亿元", True, M, UP, AMOUNT),
    ("fixed_investment", "固定资产投资", "固投", "亿元", True, M, UP, AMOUNT),
    ("industrial_investment", "工业投资", "", "亿元", True, M, UP, AMOUNT),
    ("retail_sales", "社会消费品零售总额", "社消零、社会消费品零售额", "亿元", True, M, UP, AMOUNT),
    ("budget_revenue", "一般公共预算收入", "财政一般公共预算收入、财政收入", "亿元", True, M, UP, AMOUNT),
    # 实际使用外资 is the statistics' name for the same figure since 2021
    ("foreign_investment", "实际利用外资", "利用外资、实际使用外资", "万美元", True, M, UP, AMOUNT),
    ("resident_income", "居民人均可支配收入", "居民收入、全体居民人均可支配收入", "元", True, Q, UP, AMOUNT),
    ("vehicle_output", "整车生产", "整车产量", "辆", True, M, UP, AMOUNT),
    ("vehicle_export", "整车出口", "", "辆", True, M, UP, AMOUNT),
    ("china_europe_trains", "中欧班列开行", "中欧班列开行量、中欧班列", "班", True, M, UP, AMOUNT),
    ("land_reserve", "土地收储", "收储土地", "亩", True, M, UP, AMOUNT),
    ("land_supply", "土地供应", "供应土地", "亩", True, M, UP, AMOUNT),
    ("resettlement_housing", "安置房建成", "建成安置房", "万平方米", True, M, UP, AMOUNT),
    ("new_high_tech", "新增高新技术企业", "高新技术企业", "家", True, Q, UP, AMOUNT),
    ("new_specialised", "新增专精特新企业", "专精特新企业、专精特新", "家", True, Q, UP, AMOUNT),
    ("new_tech_sme", "新增国家科技型中小企业", "科技型中小企业", "家", True, Q, UP, AMOUNT),
    ("new_above_scale_industrial", "新增规上工业企业", "新增规模以上工业企业", "家", True, Q, UP, AMOUNT),
    ("new_four_above", "新增“四上”企业", "新增四上企业、四上企业", "家", True, Q, UP, AMOUNT),
    ("new_urban_jobs", "新增城镇就业", "城镇新增就业", "人", True, M, UP, AMOUNT),
    ("tech_contracts", "技术合同成交额", "", "亿元", True, M, UP, AMOUNT),
    ("rd_coverage", "规上工业企业研发活动覆盖率", "研发活动覆盖率", "%", False, Q, UP, RATE),
    ("cpi", "居民消费价格涨幅", "居民消费价格指数涨幅、居民消费价格上涨、居民消费价格、CPI涨幅、物价涨幅", "%", False,
     M,
     DOWN, RATE),
    ("unemployment_rate", "城镇调查失业率", "调查失业率", "%", False, M, DOWN, RATE),
    # the published figure is the rate of decline itself ("单位GDP能耗下降3.2%"): higher is better
    ("energy_intensity_decline", "单位GDP能耗下降率",
     "单位GDP能耗下降、单位GDP能耗降低、单位地区生产总值能耗下降、单位生产总值能耗下降、万元GDP能耗下降", "%", False, Q,
     UP, RATE),
    ("tech_services_share", "科技服务业增加值占GDP比重",
     "科技服务业增加值占GDP的比重、科技服务业占GDP比重、科技服务业占GDP的比重", "%", False, Q, UP, RATE),
    ("pm25", "PM2.5平均浓度", "PM2.5浓度、细颗粒物平均浓度、细颗粒物浓度", "微克/立方米", False, M, DOWN, AMOUNT),
    ("work_safety_deaths", "生产安全事故死亡人数", "安全生产事故死亡人数", "人", True, M, DOWN, AMOUNT),
]


def code_for(phrase: str, indicators=None) -> str | None:
    """The indicator a phrase names by its name or an alias, longest first ("固定资产投资" -> fixed_investment);
    `indicators` are (code, name, aliases) rows, the catalogue above by default."""
    rows = indicators if indicators is not None else [(c, n, a) for c, n, a, *_ in CORE_INDICATORS]
    best = None
    for code, name, aliases in rows:
        for word in [name, *re.split(r"[、,,;;\s]+", aliases or "")]:
            if len(word) >= 2 and word in phrase and (best is None or len(word) > len(best[1])):
                best = (code, word)
    if best is None and re.search(r"GDP|生产总值|经济总量", phrase):
        return "gdp"
    return best[0] if best else None
