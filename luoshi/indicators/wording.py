"""Reading a target's Chinese wording (目标表述) into its rule.

"增长6%左右"  -> growth target of 6%, about (a tolerance band)
"增长10%以上" / "不低于1100亩" / "不少于60个" / "突破1000亿元" / "达到400亿元" -> at least
"力争…"  -> a stretch goal; "增长6%左右,力争7%" keeps 7 beside the base 6
"确保…"  -> a floor that must hold
Chinese numerals ("一千一百亩") are read with cn2an; 万/亿 on counting units are folded ("2万人" = 20000人).
"""
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an
from django.utils.translation import gettext as _

from luoshi.core.units import convert, normalise
from luoshi.indicators.models import Commitment, Comparator, TargetKind


class WordingError(ValueError):
    """The wording cannot be read; the message says why, in the user's language."""


@dataclass(frozen=True)
class ParsedTarget:
    kind: str
    comparator: str
    commitment: str
    value: Decimal
    unit: str
    stretch_value: Decimal | None = None


_UNITS = ("万平方米", "平方米", "万美元", "亿美元", "美元", "亿元", "万元", "元", "%", "亩", "个", "家", "人",
          "辆", "班", "列", "项", "户", "名", "台")
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点"
NUMBER = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|[" + _CN_DIGITS + r"]+)\s*"
    r"(?P<unit>(?:[万亿](?=[人家个辆班列项户名台]))?(?:" + "|".join(map(re.escape, _UNITS)) + r"))"
)
AT_LEAST_WORDS = ("以上", "不低于", "不少于", "突破", "超过", "至少", "达到", "高于")
ABOUT_WORDS = ("左右", "上下")
GROWTH_WORDS = ("增长", "增速", "提高", "提升")
DECLINE_WORDS = ("下降", "减少", "降低")

_FULL_WIDTH = str.maketrans("0123456789%.,;:", "0123456789%.,;:")


def _number(text: str) -> Decimal:
    try:
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return Decimal(text)
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (InvalidOperation, ValueError) as exc:
        raise WordingError(_("无法识别数字“%(n)s”") % {"n": text}) from exc


def _one(text: str, target_unit: str | None) -> tuple[str, str, Decimal, str]:
    """Kind, comparator, value and unit of one clause such as "增长6%左右"."""
    match = NUMBER.search(text)
    if not match:
        raise WordingError(_("目标表述“%(t)s”中没有找到带单位的数值,例如“增长6%%左右”或“不少于60个”") % {"t": text})
    raw_value, unit = _number(match["num"]), match["unit"]
    before, after = text[: match.start()], text[match.end():]
    if unit == "%" and any(w in before for w in DECLINE_WORDS):
        kind, value = TargetKind.GROWTH, -raw_value
    elif unit == "%" and (any(w in before for w in GROWTH_WORDS) or target_unit not in (None, "%")):
        kind, value = TargetKind.GROWTH, raw_value
    else:
        kind, (value, unit) = TargetKind.ABSOLUTE, normalise(raw_value, unit)
        if target_unit is not None:
            converted = convert(value, unit, target_unit)
            if converted is None:
                raise WordingError(_("目标单位“%(u)s”与指标单位“%(t)s”不一致") % {"u": unit, "t": target_unit})
            value, unit = converted, target_unit
    if any(w in after[:4] for w in ABOUT_WORDS):
        comparator = Comparator.ABOUT
    elif any(w in before[-4:] or w in after[:4] for w in AT_LEAST_WORDS):
        comparator = Comparator.AT_LEAST
    else:
        comparator = Comparator.PLAIN
    return kind, comparator, value, unit


def parse_target(wording: str, unit: str | None = None) -> ParsedTarget:
    """Read a target's wording; `unit` is the indicator's unit, to which absolute values are converted."""
    text = (wording or "").strip().translate(_FULL_WIDTH)
    if not text:
        raise WordingError(_("请填写目标表述,例如“增长6%左右”"))
    base_text, stretch_text = text, None
    split = re.search(r"[,;、\s]*力争", text)
    if split and split.start() > 0 and NUMBER.search(text[: split.start()]):
        base_text, stretch_text = text[: split.start()], text[split.end():]
    if "确保" in base_text:
        commitment = Commitment.FLOOR
    elif "力争" in base_text or "争取" in base_text:
        commitment = Commitment.STRETCH
    else:
        commitment = Commitment.NORMAL
    kind, comparator, value, parsed_unit = _one(base_text, unit)
    stretch_value = None
    if stretch_text is not None:
        s_kind, _c, stretch_value, _u = _one(stretch_text, unit)
        if kind == TargetKind.GROWTH and s_kind != kind and "%" in stretch_text:
            s_kind = TargetKind.GROWTH
        if s_kind != kind:
            raise WordingError(_("力争值与基本目标的类型不一致:“%(t)s”") % {"t": text})
        if stretch_value < value:
            raise WordingError(_("力争值%(s)s低于基本目标%(b)s") % {"s": stretch_value, "b": value})
    return ParsedTarget(kind, comparator, commitment, value, parsed_unit, stretch_value)
