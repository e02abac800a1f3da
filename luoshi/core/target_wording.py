"""Reading a target's Chinese wording (目标表述) into its rule, and writing a rule back as wording.

"增长6%左右"                      growth of 6%, about (a tolerance band)
"增长10%以上" / "不低于1100亩"     at least          "控制在3%以内" / "不超过5.5%"   at most
"增长6%—7%" / "50亿至100亿元"     a range, low and high kept
"下降3%"                          a fall of at least 3% (growth −3, lower is better)
"力争增长7%,确保6%"               floor 6, stretch 7 (力争/确保/争取 in either order and place)
"与经济增长基本同步" / "快于经济增长" a growth tied to GDP's growth (relative)
"占固定资产投资比重30%"            a share of another indicator; "累计开行突破10000班" a total over the years

Comparators are read as whole phrases (不超过 is never 超过). Numbers go through the one reader
(luoshi.core.numerals), units through luoshi.core.units. The indicator's traits decide the rest: a
rate indicator (失业率, 涨幅, 覆盖率, 比重) takes the percentage as its value, not as a growth; a
lower-is-better indicator (失业率, PM2.5浓度) turns the rule the other way round.

Here in core (it reads text and imports no domain app) because the ledger, the report reader, the work
plan and investment all read or write target wording.
"""
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from luoshi.core.catalogue import code_for
from luoshi.core.numerals import CN_NUMERAL_CHARS, FULL_WIDTH, NumeralError, parse_number
from luoshi.core.targets import Commitment, Comparator, Direction, Measure, TargetKind
from luoshi.core.units import UNIT_PATTERN, convert, fmt, to_known_unit


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
    value_high: Decimal | None = None
    direction: str = Direction.HIGHER.value
    linked: str | None = None  # code of the indicator a relative or share target is judged against


@dataclass(frozen=True)
class Traits:
    """What the parser needs to know of the indicator a wording is for."""
    unit: str | None = None
    direction: str = Direction.HIGHER.value
    measure: str = Measure.AMOUNT.value
    name: str = ""

    @classmethod
    def of(cls, indicator) -> "Traits":
        return cls(indicator.unit, indicator.direction, indicator.measure, indicator.name)


# --- numbers with units ------------------------------------------------------------------------------
_NUM = r"(?:\d+(?:\.\d+)?|[" + CN_NUMERAL_CHARS + r"]+)"
_MAG = r"(?:万亿|万|亿)"
# Every dash a range is written with: 6-7%, 6%—7%, 6~7%, 4.5%至5%, 50亿到100亿元.
RANGE_JOIN = r"(?:至|到|~|～|-|—|–|－)"
_RANGE = re.compile(r"(?P<lo>" + _NUM + r")(?P<lo_unit>" + UNIT_PATTERN + r"|" + _MAG + r")?\s*" + RANGE_JOIN
                    + r"\s*(?P<hi>" + _NUM + r")(?P<unit>" + UNIT_PATTERN + r")")
_SINGLE = re.compile(r"(?P<pct>百分之" + _NUM + r")|(?P<num>" + _NUM + r")\s*(?P<unit>" + UNIT_PATTERN + r")")
# A number with its unit ("1100亩", "百分之六"), for the other readers of wordings (the work plan's reader):
# groups `num` and `unit`, or `pct` for 百分之….
QUANTITY = _SINGLE

# --- comparators, as whole phrases ------------------------------------------------------------------
# Longest first, so that 不超过 / 不低于 are read before 超过 / 低于 inside them.
_PHRASES = [
    # caps: 不超过3%, 不高于, 控制在…以内, 低于
    ("不超过", Comparator.AT_MOST), ("不高于", Comparator.AT_MOST), ("不多于", Comparator.AT_MOST),
    ("至多", Comparator.AT_MOST), ("最多", Comparator.AT_MOST), ("低于", Comparator.AT_MOST),
    ("少于", Comparator.AT_MOST), ("控制在", Comparator.AT_MOST),
    # floors: 不低于1100亩, 不少于60个, 突破1000亿元, 超过, 达到400亿元, 高于, 至少
    ("不低于", Comparator.AT_LEAST), ("不少于", Comparator.AT_LEAST), ("至少", Comparator.AT_LEAST),
    ("突破", Comparator.AT_LEAST), ("超过", Comparator.AT_LEAST), ("达到", Comparator.AT_LEAST),
    ("高于", Comparator.AT_LEAST), ("多于", Comparator.AT_LEAST), ("超", Comparator.AT_LEAST),
    ("逾", Comparator.AT_LEAST),
    # about before the number: 约6%, 接近, 近
    ("大约", Comparator.ABOUT), ("接近", Comparator.ABOUT), ("约", Comparator.ABOUT), ("近", Comparator.ABOUT),
]
_BEFORE = re.compile("|".join(re.escape(p) for p, _c in sorted(_PHRASES, key=lambda p: -len(p[0]))))
_BEFORE_MEANS = dict(_PHRASES)
# After the figure: 6%左右 / 上下 (about), 10%以上 (at least), 3%以内 / 以下 (at most).
_AFTER = re.compile(r"\s*(?P<about>左右|上下)|\s*(?P<least>以上|及以上)|\s*(?P<most>以内|以下)")
ABOUT_WORDS = ("左右", "上下")
AT_LEAST_WORDS = tuple(p for p, c in _PHRASES if c == Comparator.AT_LEAST) + ("以上",)
AT_MOST_WORDS = tuple(p for p, c in _PHRASES if c == Comparator.AT_MOST) + ("以内", "以下")


def comparator_around(before: str, after: str) -> tuple[str, int]:
    """The comparator the words next to a figure give, and how many characters of `after` it takes.

    `after` is read first (6%左右, 3%以内, 10%以上), then the nearest phrase in `before`; a one-character
    word (超, 逾, 约, 近) counts only right before the number (超100家, not 超前谋划)."""
    m = _AFTER.match(after)
    if m:
        kind = Comparator.ABOUT if m["about"] else Comparator.AT_LEAST if m["least"] else Comparator.AT_MOST
        return kind.value, m.end()
    last = None
    for found in _BEFORE.finditer(before):
        if len(found[0]) > 1 or found.end() == len(before):
            last = found
    return (_BEFORE_MEANS[last[0]].value if last else Comparator.PLAIN.value), 0


# --- kinds ----------------------------------------------------------------------------------------------
GROWTH_WORDS = ("增长", "增速", "增幅", "提高", "提升", "上升", "上涨")
DECLINE_WORDS = ("下降", "减少", "降低", "回落")
# 增长/下降 followed by 至/到 give a level, not a rate of change: "下降至35微克/立方米".
_CHANGE = re.compile(r"(?P<word>" + "|".join(GROWTH_WORDS + DECLINE_WORDS) + r")(?!至|到)")
# Commitments: 确保 is a floor that must hold; 力争/争取/力求 a stretch.
_FLOOR_WORDS = ("确保",)
_STRETCH_WORDS = ("力争", "争取", "力求")
# Relative targets name the growth they follow: 与经济增长基本同步, 快于经济增长, 高于经济增速.
_ECONOMY = r"(?:经济增长|经济增速|经济发展|地区生产总值增长|生产总值增长|GDP增长|GDP增速)"
RELATIVE = re.compile(r"(?:与|同)" + _ECONOMY + r"(?:基本|总体)?(?P<about>同步|相适应|持平)"
                      r"|(?P<least>快于|高于|超过|跑赢|不低于)" + _ECONOMY
                      + r"|(?P<most>慢于|低于|不超过|不高于)" + _ECONOMY)
RELATIVE_LINK = "gdp"
# Shares: 占GDP的比重, 占固定资产投资比重, 占比.
SHARE = re.compile(r"占(?P<whole>[^,;,;、占]{0,20}?)(?:的)?(?:比重|比例)|占比")
# A total over several years, not within one year: 累计开行突破10000班, 十四五期间累计.
_TOTAL = re.compile(r"累计")
_CLAUSES = re.compile(r"[,;、,;]+")


@dataclass
class _Clause:
    text: str
    commitment: str
    kind: str | None = None
    comparator: str = Comparator.PLAIN.value
    value: Decimal | None = None
    high: Decimal | None = None
    unit: str = ""
    decline: bool = False
    linked: str | None = None
    changes: bool = False  # written with its own 增长/下降 (a bare "7%" takes the other clause's)


def _number(text: str) -> Decimal:
    try:
        return parse_number(text)
    except NumeralError as exc:
        raise WordingError(_("无法识别数字“%(n)s”") % {"n": text}) from exc


def _commitment_of(text: str) -> str:
    if any(w in text for w in _FLOOR_WORDS):
        return Commitment.FLOOR.value
    if any(w in text for w in _STRETCH_WORDS):
        return Commitment.STRETCH.value
    return Commitment.NORMAL.value


def _in_unit(value: Decimal, unit: str, traits: Traits) -> tuple[Decimal, str]:
    value, unit = to_known_unit(value, unit)
    if traits.unit is not None and unit != traits.unit:
        converted = convert(value, unit, traits.unit)
        if converted is None:
            raise WordingError(_("目标单位“%(u)s”与指标单位“%(t)s”不一致") % {"u": unit, "t": traits.unit})
        value, unit = converted, traits.unit
    return value, unit


def _relative_clause(clause: _Clause, rel: re.Match) -> _Clause:
    clause.kind, clause.value, clause.unit, clause.linked = TargetKind.RELATIVE.value, Decimal(0), "%", RELATIVE_LINK
    clause.comparator = (Comparator.ABOUT if rel["about"] else Comparator.AT_LEAST if rel["least"]
                         else Comparator.AT_MOST).value
    return clause


def _figure(clause: _Clause, text: str, traits: Traits) -> re.Match | None:
    """Value (and high end), unit and comparator of the clause's figure; the match, or None."""
    m = _RANGE.search(text)
    if m:
        unit = m["unit"]
        lo_unit = m["lo_unit"] or unit
        if lo_unit in ("万亿", "万", "亿"):  # "50亿至100亿元": the low end keeps only its magnitude
            lo_unit = lo_unit + re.sub(r"^(?:万亿|万|亿)", "", unit)
        clause.value, clause.high = _number(m["lo"]), _number(m["hi"])
        clause.comparator, clause.unit = Comparator.RANGE.value, unit
        if unit != "%":
            clause.value, clause.unit = _in_unit(clause.value, lo_unit, traits)
            clause.high, _u = _in_unit(clause.high, unit, traits)
        return m
    m = _SINGLE.search(text)
    if not m:
        return None
    clause.value, unit = (_number(m["pct"][3:]), "%") if m["pct"] else (_number(m["num"]), m["unit"])
    clause.comparator, _taken = comparator_around(text[: m.start()], text[m.end():])
    clause.value, clause.unit = _in_unit(clause.value, unit, traits) if unit != "%" else (clause.value, "%")
    return m


def _percent_kind(clause: _Clause, before: str, text: str, traits: Traits, resolve) -> str:
    """A percentage is a rate (of a rate indicator), a share of another indicator, a growth, or a level."""
    share = SHARE.search(before)
    if traits.measure == Measure.RATE:
        clause.decline = False  # the rate itself; 下降 in 单位GDP能耗下降 is its name
        return TargetKind.RATE.value
    if share and traits.unit not in (None, "%"):
        whole = (share["whole"] or "").strip()
        clause.linked = resolve(whole) if whole else None
        if not clause.linked:
            raise WordingError(_("占比目标“%(t)s”须写明占哪一项指标的比重，例如“占固定资产投资比重30%%”") % {"t": text})
        return TargetKind.SHARE.value
    if clause.changes or traits.unit not in (None, "%"):
        return TargetKind.GROWTH.value
    clause.decline = False
    return TargetKind.ABSOLUTE.value


def _read_clause(text: str, traits: Traits, resolve) -> _Clause | None:
    """One clause such as "增长6%左右" or "确保6%"; None when it holds no figure ("努力争取更好结果")."""
    clause = _Clause(text, _commitment_of(text))
    rel = RELATIVE.search(text)
    if rel:
        return _relative_clause(clause, rel)
    m = _figure(clause, text, traits)
    if m is None:
        return None
    before = text[: m.start()]
    changes = list(_CHANGE.finditer(before))
    change = changes[-1] if changes else None
    clause.decline = bool(change and change["word"] in DECLINE_WORDS)
    clause.changes = change is not None
    if clause.unit == "%":
        clause.kind = _percent_kind(clause, before, text, traits, resolve)
    else:
        clause.kind = TargetKind.TOTAL.value if _TOTAL.search(before) else TargetKind.ABSOLUTE.value
        clause.decline = False
    if clause.decline:
        clause.value = -clause.value
        if clause.high is not None:
            clause.value, clause.high = sorted((clause.value, -clause.high))
    return clause


def _direction(clause: _Clause, traits: Traits) -> str:
    """Which way is better for this target: caps and declines look down, floors up, else the indicator's."""
    if clause.comparator in (Comparator.AT_MOST, Comparator.AT_LEAST):
        up = clause.comparator == Comparator.AT_LEAST
        if clause.decline:
            up = not up  # 下降10%以上: at least 10 down
        return Direction.HIGHER.value if up else Direction.LOWER.value
    if clause.decline:
        return Direction.LOWER.value
    return traits.direction


def _better_or_equal(a: Decimal, b: Decimal, direction: str) -> bool:
    return a >= b if direction == Direction.HIGHER else a <= b


def _base_and_stretch(clauses: list[_Clause], text: str) -> tuple[_Clause, _Clause | None]:
    """Which clause is the base and which the stretch: 力争 marks the stretch wherever it stands."""
    first = next((c for c in clauses if c.changes), clauses[0])
    for other in clauses:  # "力争增长7%,确保6%": the bare 6% is a growth like the clause it answers
        if other is not first and not other.changes and other.unit == first.unit == "%" and other.kind in (
                TargetKind.ABSOLUTE, TargetKind.GROWTH):
            other.kind = first.kind
            if first.decline:
                other.decline, other.value = True, -other.value
    if len(clauses) == 1:
        return first, None
    a, b = clauses
    if a.commitment == Commitment.STRETCH and b.commitment != Commitment.STRETCH:
        base, stretch = b, a
    elif b.commitment == Commitment.STRETCH or a.commitment != Commitment.STRETCH:
        base, stretch = a, b
    else:
        raise WordingError(_("“%(t)s”中两个数值都是力争值，请写明基本目标") % {"t": text})
    if stretch.kind != base.kind or stretch.high is not None or base.high is not None:
        raise WordingError(_("力争值与基本目标的类型不一致：“%(t)s”") % {"t": text})
    return base, stretch


def parse_target(wording: str, unit: str | None = None, *, indicator=None, resolve=None) -> ParsedTarget:
    """Read a target's wording. `unit` (or `indicator`, whose traits then count too) is what absolute
    values are converted to; `resolve(phrase) -> code` names the whole of a share ("占固定资产投资比重")."""
    traits = Traits.of(indicator) if indicator is not None else Traits(unit)
    if resolve is None:
        resolve = code_for
    text = re.sub(r"\s+", "", (wording or "").translate(FULL_WIDTH))
    if not text:
        raise WordingError(_("请填写目标表述，例如“增长6%左右”"))
    clauses = [c for c in (_read_clause(part, traits, resolve) for part in _CLAUSES.split(text) if part) if c]
    if not clauses:
        raise WordingError(_("目标表述“%(t)s”中没有找到带单位的数值，例如“增长6%%左右”或“不少于60个”") % {"t": text})
    if len(clauses) > 2:
        raise WordingError(_("目标表述“%(t)s”含有多于两个数值；一条目标只写一个基本值和一个力争值") % {"t": text})
    base, stretch = _base_and_stretch(clauses, text)
    direction = _direction(base, traits)
    if stretch is not None and not _better_or_equal(stretch.value, base.value, direction):
        word = _("低于") if direction == Direction.HIGHER else _("高于")
        raise WordingError(_("力争值%(s)s%(w)s基本目标%(b)s") % {"s": fmt(stretch.value), "w": word,
                                                                 "b": fmt(base.value)})
    return ParsedTarget(kind=base.kind, comparator=base.comparator, commitment=base.commitment, value=base.value,
                        unit=base.unit, stretch_value=stretch.value if stretch else None, value_high=base.high,
                        direction=direction, linked=base.linked)


# --- writing a rule back ------------------------------------------------------------------------------

def render_target(parsed: ParsedTarget, linked_name: str = "") -> str:
    """The wording of a rule in the form the parser reads back to the same rule: "确保增长6%,力争7%"."""
    cue = {Commitment.FLOOR: "确保", Commitment.STRETCH: "力争"}.get(parsed.commitment, "")
    if parsed.kind == TargetKind.RELATIVE:
        phrase = {Comparator.ABOUT: "与经济增长基本同步", Comparator.AT_LEAST: "快于经济增长"}.get(
            parsed.comparator, "慢于经济增长")
        return cue + "增长" + phrase
    decline = parsed.kind == TargetKind.GROWTH and parsed.value < 0
    verb = {TargetKind.GROWTH: "下降" if decline else "增长", TargetKind.TOTAL: "累计",
            TargetKind.SHARE: "占%s比重" % linked_name}.get(parsed.kind, "")

    def figure(value):
        return fmt(-value if decline else value, parsed.unit)

    if parsed.comparator == Comparator.RANGE:
        low, high = (parsed.value_high, parsed.value) if decline else (parsed.value, parsed.value_high)
        body = f"{verb}{fmt(-low if decline else low)}{parsed.unit}至{figure(high)}"
    elif parsed.comparator == Comparator.ABOUT:
        body = f"{verb}{figure(parsed.value)}左右"
    elif parsed.comparator == Comparator.AT_LEAST:
        body = f"{verb}{figure(parsed.value)}以上"
    elif parsed.comparator == Comparator.AT_MOST:
        body = f"{verb}{figure(parsed.value)}以内"
    else:
        body = f"{verb}{figure(parsed.value)}"
    if parsed.stretch_value is not None:
        body += ",力争" + figure(parsed.stretch_value)
    return cue + body
