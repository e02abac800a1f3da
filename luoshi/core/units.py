"""Units of measure (计量单位): every number in Luoshi carries one, stored as Decimal.

One table says how units are written and how they fold, for the wording parser, the Excel imports and
the report reader alike:
- families of one quantity (money in 元/万元/亿元/万亿元, tonnes in 吨/万吨, 斤/亿斤, 千瓦/万千瓦 …) convert
  into each other; anything else is a different quantity and is refused;
- counting units (个 家 人 户 辆 班 亩 条 所 张 座) fold a 万/亿 written before them ("2万人" = 20000人,
  "1.2万户" = 12000户), so a count is stored in its plain unit;
- synonyms (列 of trains = 班, 项 = 个, 名 = 人, 台 = 辆, 千米 = 公里) are read as their unit.
"""
import re
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    YI_YUAN = "亿元", _("亿元")
    YUAN = "元", _("元")
    WAN_YUAN = "万元", _("万元")
    WAN_USD = "万美元", _("万美元")
    PERCENT = "%", _("%")
    GE = "个", _("个")
    JIA = "家", _("家")
    REN = "人", _("人")
    WAN_REN = "万人", _("万人")
    HU = "户", _("户")
    WAN_HU = "万户", _("万户")
    LIANG = "辆", _("辆")
    BAN = "班", _("班")
    MU = "亩", _("亩")
    WAN_M2 = "万平方米", _("万平方米")
    TIAO = "条", _("条")
    SUO = "所", _("所")
    ZHANG = "张", _("张")
    ZUO = "座", _("座")
    KM = "公里", _("公里")
    TON = "吨", _("吨")
    WAN_TON = "万吨", _("万吨")
    JIN = "斤", _("斤")
    YI_JIN = "亿斤", _("亿斤")
    WAN_KW = "万千瓦", _("万千瓦")
    UG_M3 = "微克/立方米", _("微克/立方米")


KNOWN_UNITS = frozenset(Unit.values)  # Unit.values rebuilds its list on every call; the reader asks often
_E4, _E8 = Decimal(10_000), Decimal(100_000_000)
# Value of one unit expressed in the family's base unit.
_FAMILIES = {
    "元": ("yuan", Decimal(1)), "万元": ("yuan", _E4), "亿元": ("yuan", _E8), "万亿元": ("yuan", _E4 * _E8),
    "美元": ("usd", Decimal(1)), "万美元": ("usd", _E4), "亿美元": ("usd", _E8),
    "平方米": ("m2", Decimal(1)), "万平方米": ("m2", _E4),
    "人": ("people", Decimal(1)), "万人": ("people", _E4),
    "户": ("households", Decimal(1)), "万户": ("households", _E4),
    "吨": ("ton", Decimal(1)), "万吨": ("ton", _E4), "亿吨": ("ton", _E8),
    "斤": ("jin", Decimal(1)), "万斤": ("jin", _E4), "亿斤": ("jin", _E8),
    "千瓦": ("kw", Decimal(1)), "万千瓦": ("kw", _E4),
    "公里": ("km", Decimal(1)),
}
# A unit written outside the ledger's list is stored in this member of its family.
_STORED_IN = {"yuan": "亿元", "usd": "万美元", "m2": "万平方米", "ton": "万吨", "jin": "斤", "kw": "万千瓦"}
# Counting words that mean the same thing (列 of trains = 班).
SYNONYMS = {"列": "班", "项": "个", "名": "人", "台": "辆", "千米": "公里"}
COUNT_UNITS = {"个", "家", "人", "户", "辆", "班", "亩", "条", "所", "张", "座"}
# Counts of things (as opposed to amounts of a quantity): the report reader's "count" kind.
THING_UNITS = {"个", "家", "人", "户", "条", "所", "张", "座"}

# How units are written in text, longest first so 万平方米 wins over 平方米. Magnitudes before a counting
# unit (万人, 亿斤 …) are read by `WRITTEN_COUNT` below.
MEASURE_SPELLINGS = ("万亿元", "亿元", "万元", "元", "亿美元", "万美元", "美元", "万平方米", "平方米", "微克/立方米",
                     "万千瓦", "千瓦", "公里", "千米", "万吨", "亿吨", "吨", "亿斤", "万斤", "斤", "%")
COUNT_SPELLINGS = ("个", "家", "人", "名", "户", "辆", "台", "班", "列", "项", "条", "所", "张", "座", "亩")
MEASURE_PATTERN = "|".join(map(re.escape, MEASURE_SPELLINGS))
COUNT_PATTERN = "|".join(map(re.escape, COUNT_SPELLINGS))
# A unit as written: a measure, or an optional 万/亿 and a counting word ("56.5万辆", "3600余家" reads 余 apart).
UNIT_PATTERN = r"(?:" + MEASURE_PATTERN + r"|(?:[万亿])?(?:" + COUNT_PATTERN + r"))"


def normalise(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Fold 万/亿 prefixes on counting units and synonyms: (2, "万人") -> (20000, "人")."""
    unit = SYNONYMS.get(unit, unit)
    for prefix, factor in (("万", _E4), ("亿", _E8)):
        rest = unit[len(prefix):]
        if unit.startswith(prefix) and SYNONYMS.get(rest, rest) in COUNT_UNITS:
            return value * factor, SYNONYMS.get(rest, rest)
    return value, unit


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """Convert between units of one family; None when they measure different things."""
    value, from_unit = normalise(value, from_unit)
    to_unit = SYNONYMS.get(to_unit, to_unit)
    if from_unit == to_unit:
        return value
    a, b = _FAMILIES.get(from_unit), _FAMILIES.get(to_unit)
    if not a or not b or a[0] != b[0]:
        return None
    return value * a[1] / b[1]


def to_known_unit(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """A figure as written in a unit of the ledger's list: counts folded, 1.35万亿元 -> 13500亿元,
    2.8亿美元 -> 28000万美元; a unit of the list stays as written (18.6万吨, 50亿斤)."""
    value, unit = normalise(value, unit)
    if unit in KNOWN_UNITS or unit not in _FAMILIES:
        return value, unit
    stored = _STORED_IN.get(_FAMILIES[unit][0])
    return (convert(value, unit, stored), stored) if stored else (value, unit)


def fmt(value: Decimal | None, unit: str = "", places: int | None = None) -> str:
    """A figure as the reports write it: 1328.4亿元, 6%, 158家 (no trailing zeros)."""
    if value is None:
        return "—"
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return f"{text}{unit}"


def fmt_report(value: Decimal | None, unit: str) -> str:
    """A figure as a report sentence writes it: counts of ten thousand and more in 万 (56.5万辆)."""
    if value is not None and unit in COUNT_UNITS - {"亩"} and abs(value) >= 10_000:
        return fmt((value / 10_000).quantize(Decimal("0.01")), "万" + unit)
    return fmt(value, unit)


def numeral(n: int) -> str:
    """A small count as the current language writes it in prose: 五 in Chinese, 5 in English."""
    from django.utils.translation import get_language

    if (get_language() or "zh-hans").startswith("zh"):
        import cn2an

        return cn2an.an2cn(n)
    return str(n)
