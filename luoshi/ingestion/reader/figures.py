"""Stage 3: figures — a number and a unit the ledger knows — and the ones that are not quantities.

Numbers are read by the one reader (luoshi.core.numerals), units by luoshi.core.units: counts fold
their 万/亿 (56.5万辆 = 565000辆), other units are stored in a unit of the ledger's list (1.35万亿元 =
13500亿元, 2.8亿美元 = 28000万美元, 18.6万吨 as written).
"""
import re
from decimal import Decimal

from luoshi.core.numerals import (
    CN_NUMERAL_CHARS,
    NumeralError,
    parse_fraction,
    parse_number,
    parse_percent_words,
    parse_tenths,
)
from luoshi.core.units import COUNT_PATTERN, MEASURE_PATTERN, normalise, to_known_unit

_NUM = r"(?:\d+(?:\.\d+)?|[" + CN_NUMERAL_CHARS + r"]+)"
_RANGE_JOIN = r"(?:至|到|~|—|–|-)"
FIGURE = re.compile(
    # "50亿至100亿元", "6%—7%", "6-7%": a range; the low end may leave out the unit or keep only its magnitude
    r"(?P<r_lo>\d+(?:\.\d+)?)(?P<r_lo_mag>[万亿])?(?:" + MEASURE_PATTERN + r"|" + COUNT_PATTERN + r")?"
    r"\s*" + _RANGE_JOIN + r"\s*(?P<r_hi>\d+(?:\.\d+)?)(?P<r_unit>" + MEASURE_PATTERN + r"|(?:[万亿])?(?:"
    + COUNT_PATTERN + r"))"
    # "1/4", "四分之一": a fraction (read as a share only after 占/比重)
    r"|(?P<frac>\d+/\d+|(?!百分之)[" + CN_NUMERAL_CHARS + r"]+分之[" + CN_NUMERAL_CHARS + r"]+)"
    # "百分之六", "百分之五点三"
    r"|(?P<pct_words>百分之(?:\d+(?:\.\d+)?|[" + CN_NUMERAL_CHARS + r"]+))"
    # "两成": tenths (not 成为, 成立, 成交 … which start words)
    r"|(?P<tenths>[一二两三四五六七八九十]成)(?![为立交效功本果员都长就熟型品套片绩])"
    # "1328.4亿元", "一千一百亩", "4万余名"; 余/多 mean "more than" ("3600余家")
    r"|(?P<num>" + _NUM + r")\s*(?P<more>余|多)?(?:(?P<unit>" + MEASURE_PATTERN + r")|(?P<mag>[万亿])?"
    r"(?P<more2>余|多)?(?P<cunit>" + COUNT_PATTERN + r"))"
)

# A unit followed by these characters is the start of a word, not a unit: 三人民医院, 元宇宙, 家电, 项目,
# 条件/条例, 所属/所有, 座谈, 吨位.
_NOT_A_UNIT_AFTER = {"人": "民才员们次工", "元": "宇素旦首", "家": "电居具庭属乡", "名": "单称片义录额",
                     "班": "子组车级", "列": "入车为出举支席队", "项": "目", "户": "籍型口", "台": "阶账风",
                     "个": "体性", "亩": "产均", "条": "件例款线块", "所": "属有以在得需谓", "座": "谈", "吨": "位",
                     "张": "力"}
# Nouns after a count that make it a duration or the text's own structure: 两个月, 四个方面, 2个百分点.
_NOT_A_QUANTITY_NOUN = re.compile(r"(?:方面|百分点|月|小时|工作日|季度|年|阶段|环节|维度|轮|星期|周)")
# Money right before 以上/级 and a kind of project or firm names a class: "10亿元以上项目", "百亿级企业".
_QUALIFIER_AFTER = re.compile(r"(?:及?以上|级)?[^的,;:、。!?\s\d]{0,4}?(?:项目|企业)")
_MONEY = ("亿元", "万元", "元", "亿美元", "万美元", "万亿元", "美元")
# A number that continues a word or a code: 第3, 前30, 居6区, 5G, 2.5 of PM2.5.
_NOT_A_NUMBER_BEFORE = "第前居+."


def value_and_unit(m: re.Match) -> tuple[Decimal, str, Decimal | None, bool] | None:
    """(value, unit, high end of a range, is a fraction-like share) of a FIGURE match, units normalised."""
    try:
        if m["r_hi"]:
            unit = m["r_unit"]
            high, low = parse_number(m["r_hi"]), parse_number(m["r_lo"])
            if unit[0] in "万亿" and unit[1:] in COUNT_PATTERN.split("|"):
                low, _u = normalise(low, unit)
            high, unit_known = to_known_unit(high, unit)
            if unit_known != "%":
                low, _u = to_known_unit(low, unit)
            return low, unit_known, high, False
        if m["frac"]:
            return parse_fraction(m["frac"]), "%", None, True
        if m["pct_words"]:
            return parse_percent_words(m["pct_words"]), "%", None, False
        if m["tenths"]:
            return parse_tenths(m["tenths"]), "%", None, True
        num = m["num"]
        if m["unit"]:
            unit = m["unit"]
            if num[-1] in "万亿" and not num[:-1].isdigit() and unit in ("元", "美元", "平方米", "吨", "斤"):
                num, unit = num[:-1], num[-1] + unit  # "两万亿元": the magnitude belongs to the unit
            value, unit = to_known_unit(parse_number(num), unit)
        else:
            value, unit = normalise(parse_number(num), (m["mag"] or "") + m["cunit"])
        return value, unit, None, False
    except NumeralError:
        return None


def excluded(text: str, m: re.Match, in_short_quote) -> bool:
    """Figures that are not quantities: ordinals, names in short quotes, the article 一个, word starts."""
    s = m.start()
    before = text[s - 1] if s else ""
    if before in _NOT_A_NUMBER_BEFORE or (before.isascii() and before.isalnum()):
        return True
    if in_short_quote(s):
        return True
    if m["num"]:
        unit_char = (m["cunit"] or m["unit"] or "")[-1:]
        nxt = text[m.end(): m.end() + 1]
        if nxt and nxt in _NOT_A_UNIT_AFTER.get(unit_char, ""):
            return True
        if m["num"] == "一" and m["cunit"] and not re.search(r"(?:不少于|至少|新增|超过)$", text[max(0, s - 3):s]):
            return True  # "再造一个新经开": an article, not a count
        if m["cunit"] and _NOT_A_QUANTITY_NOUN.match(text, m.end()):
            return True
    if m["unit"] in _MONEY and _QUALIFIER_AFTER.match(text, m.end()):
        return True  # "10亿元以上项目": a class of projects, not an amount
    if m["frac"] and "/" in m["frac"] and re.match(r"\d", text[m.end():m.end() + 1]):
        return True
    return False
