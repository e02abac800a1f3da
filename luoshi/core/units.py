"""Units of measure (计量单位): every number in Luoshi carries one, stored as Decimal.

Conversions exist only inside one family (money in 元/万元/亿元; counts given as 万人 …); anything else
is a different quantity and is refused.
"""
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
    LIANG = "辆", _("辆")
    BAN = "班", _("班")
    MU = "亩", _("亩")
    WAN_M2 = "万平方米", _("万平方米")


# Value of one unit expressed in the family's base unit.
_FAMILIES = {
    "元": ("yuan", Decimal(1)),
    "万元": ("yuan", Decimal(10_000)),
    "亿元": ("yuan", Decimal(100_000_000)),
    "美元": ("usd", Decimal(1)),
    "万美元": ("usd", Decimal(10_000)),
    "亿美元": ("usd", Decimal(100_000_000)),
    "平方米": ("m2", Decimal(1)),
    "万平方米": ("m2", Decimal(10_000)),
}
# Counting words that mean the same thing (列 of trains = 班).
SYNONYMS = {"列": "班", "项": "个", "户": "家", "名": "人", "台": "辆"}
COUNT_UNITS = {"个", "家", "人", "辆", "班", "亩"}


def normalise(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Fold 万/亿 prefixes on counting units and synonyms: (2, "万人") -> (20000, "人")."""
    unit = SYNONYMS.get(unit, unit)
    for prefix, factor in (("万", Decimal(10_000)), ("亿", Decimal(100_000_000))):
        rest = unit[len(prefix):]
        if unit.startswith(prefix) and SYNONYMS.get(rest, rest) in COUNT_UNITS:
            return value * factor, SYNONYMS.get(rest, rest)
    return value, unit


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """Convert between units of one family; None when they measure different things."""
    value, from_unit = normalise(value, from_unit)
    if from_unit == to_unit:
        return value
    a, b = _FAMILIES.get(from_unit), _FAMILIES.get(to_unit)
    if not a or not b or a[0] != b[0]:
        return None
    return value * a[1] / b[1]


def fmt(value: Decimal | None, unit: str = "", places: int | None = None) -> str:
    """A figure as the reports write it: 1328.4亿元, 6%, 158家 (no trailing zeros)."""
    if value is None:
        return "—"
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
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
