"""Reading a work report (工作报告解析): Chinese text in, proposed findings out. Pure functions, no database.

A finding is one figure with everything a reviewer needs to turn it into a record: its kind, value and
normalised unit, growth or level, comparator (左右/以上/不低于…) and commitment (力争/确保), the year and
month it belongs to, the organisation that speaks, the catalogue indicator it measures (or the phrase
when none matches), the wording a target would keep, and the exact span in the original text.

How the text is read, in one forward pass:
1. Full-width digits and punctuation are mapped one-to-one to ASCII, so offsets stay those of the input.
2. The text is cut into headings (short lines without sentence punctuation) and sentences.
3. Headings and subject mentions ("惠济区将…", "——访荥阳市委书记") set the organisation, carried forward;
   years ("2024年", "明年", a heading "2023年成绩单") set the year, carried forward; a heading without
   a year puts the year back to the article's own year, detected from its date or its wording.
4. Each figure (number + unit) is classified by the first rule that applies, in KIND order below, and
   described from the words around it within its clause.

Kinds, first match wins: range ("50亿至100亿元") · share ("占全市22%") · project ("总投资90.84亿元的古荥城市
更新") · target (a commitment word in scope, a later year, or 不低于/不少于) · result (achieved money, %,
亩, 辆, 班 …) · count (achieved 个/家/人).
"""
import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from luoshi.core.units import COUNT_UNITS, convert, normalise
from luoshi.indicators.catalogue import CORE_INDICATORS
from luoshi.indicators.models import Commitment, Comparator
from luoshi.indicators.wording import ABOUT_WORDS, AT_LEAST_WORDS, DECLINE_WORDS
from luoshi.core.numerals import (CN_NUMERAL_CHARS, NumeralError, parse_fraction, parse_number,
                                       parse_percent_words, parse_tenths)

KINDS = ("target", "result", "project", "count", "range", "share")
HAN = r"\u4e00-\u9fff"

# --- 1. characters ---------------------------------------------------------------------------------
# One-to-one replacements only: the offsets of the normalised text are those of the original.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９％．，；：（）！？～－", "0123456789%.,;:()!?~-")

# --- 2. figures: a number and a unit the ledger knows ----------------------------------------------
_NUM = r"(?:\d+(?:\.\d+)?|[" + CN_NUMERAL_CHARS + r"]+)"
# Units measured in families (money, area): kept as written, then converted to the report unit below.
_MEASURE_UNITS = "万平方米|平方米|万美元|亿美元|美元|亿元|万元|元|%|亩"
# Counting units; 万/亿 before them are magnitudes ("56.5万辆"), 余/多 mean "more than" ("3600余家").
_COUNT_UNITS = "个|家|人|名|辆|台|班|列|项|户"
# A unit followed by these characters is the start of a word, not a unit: 三人民医院, 元宇宙, 家电, 项目.
_NOT_A_UNIT_AFTER = {"人": "民才员们次工", "元": "宇素旦首", "家": "电居具庭属乡", "名": "单称片义录额",
                     "班": "子组车级", "列": "入车为出举支席队", "项": "目", "户": "籍型口", "台": "阶账风",
                     "个": "体性", "亩": "产均"}
# Nouns after a count that make it a duration or the text's own structure: 两个月, 四个方面, 2个百分点.
# Money right before 以上/级 and a kind of project or firm names a class: "10亿元以上项目", "百亿级企业".
_QUALIFIER_AFTER = re.compile(r"(?:及?以上|级)?[^的,;:、。!?\s\d]{0,4}?(?:项目|企业)")
_NOT_A_QUANTITY_NOUN = re.compile(r"(?:方面|百分点|月|小时|工作日|季度|年|阶段|环节|维度|轮|星期|周)")

FIGURE = re.compile(
    # "50亿至100亿元": a range; the low end may leave out the unit or keep only its magnitude
    r"(?P<r_lo>\d+(?:\.\d+)?)(?P<r_lo_mag>[万亿])?(?:" + _MEASURE_UNITS + r"|" + _COUNT_UNITS + r")?"
    r"\s*(?:至|到|~|—|–|-)\s*(?P<r_hi>\d+(?:\.\d+)?)(?P<r_unit>" + _MEASURE_UNITS + r"|(?:[万亿])?(?:"
    + _COUNT_UNITS + r"))"
    # "1/4", "四分之一": a fraction (read as a share only after 占/比重)
    r"|(?P<frac>\d+/\d+|[" + CN_NUMERAL_CHARS + r"]+分之[" + CN_NUMERAL_CHARS + r"]+)"
    # "百分之六"
    r"|(?P<pct_words>百分之(?:\d+(?:\.\d+)?|[" + CN_NUMERAL_CHARS + r"]+))"
    # "两成": tenths
    r"|(?P<tenths>[一二两三四五六七八九十]成)(?![为立交效功本果员都长就熟型品套片绩])"
    # "1328.4亿元", "一千一百亩", "4万余名"
    r"|(?P<num>" + _NUM + r")\s*(?P<more>余|多)?(?:(?P<unit>" + _MEASURE_UNITS + r")|(?P<mag>[万亿])?"
    r"(?P<more2>余|多)?(?P<cunit>" + _COUNT_UNITS + r"))"
)

# Synonyms and families folded into the units of the issue: 亿元 万元 元 万美元 亩 万平方米 个 家 人 辆 班 %.
_REPORT_UNIT = {"亿美元": "万美元", "美元": "万美元", "平方米": "万平方米"}

# --- 3. the words around a figure -----------------------------------------------------------------
_AT_LEAST_BEFORE = tuple(w for w in AT_LEAST_WORDS if w != "以上") + ("超", "逾", "不少于")
_ABOUT_BEFORE = ("近", "约", "接近", "大约")
_AT_LEAST_AFTER = ("以上", "多")
_REQUIREMENT_WORDS = ("不低于", "不少于", "至少")  # wording of a requirement: always a target
_GROWTH = re.compile(r"(?:增长|增速|增幅|提高|提升|上升|下降|减少|降低|回落)(?!至|到)")  # 提升至: a level
_SHARE = re.compile(r"占比|比重|占(?!地|用|有|据|领)")
_RESULT_VERBS = re.compile(r"完成|实现了|已|累计|同比|创|受到|荣获|获得|获批|达到了|了")
_FUTURE_WORDS = re.compile(r"将|要|计划|力争|确保|争取|推进|推动|实施|谋划|新增|目标|预期")
# Commitment cues and how long they reach: to the end of the sentence, unless a clause opens with a new
# action ("力争A,积极推进B": 力争 covers A only).
_CUE = re.compile(r"(?P<floor>确保)|(?P<stretch>力争|争取|力求|努力)|(?P<plan>计划|目标|预期|拟)")
_NEW_ACTION = re.compile(r"(?:积极|持续|加快|推进|推动|做好|深化|强化|加强|全力|大力|着力|扎实|抓好|统筹|坚持|落实|"
                         r"实施|开展|打造|建设|培育|聚焦|围绕|贯通|健全|引导|支持|鼓励|提升)")
_CLAUSE_SEP = ",;:、"
# The noun after a count, up to a clause mark, a number or a verb: "40家高新技术企业", "8个重点项目(顺利开工)".
_AFTER_NOUN = re.compile(r"(?!以上|左右|的)(?:(?!增加|提升|提高|受到|同时|加快|顺利|建成|开工|落地|实质|申报|交付|货币化|为|被|获|"
                         r"实现|到|至)[^,;:、。!?\s\d等和及])"r"{1,20}")
# Words trimmed from either end of an indicator phrase (kept in the span and the wording).
_LEAD = re.compile(r"^(?:\s|[-•·●▪]|其中|全年|今年|明年|年度|年内|全区|全市|力争|确保|争取|计划|共|实现|重点|继续|预计|"
                   r"在|到|由|\d{4}年(?:底|末)?|前三季度|上半年)+")
_TAIL = re.compile(r"(?:完成|实现|达到|达|突破|超过|超|逾|增长|同比|为|是|至|由|提升至|提升到|增加到|增加至|提高到|"
                   r"不低于|不少于|至少|高于|在|约|近|接近|累计|年开行|开行|各|等)+$")
_PARENS = re.compile(r"\([^()]{0,20}\)")
_QUOTES = "“”‘’「」『』\"'"

# --- 4. organisations --------------------------------------------------------------------------------
_ZONES = "经济技术开发区|高新技术产业开发区|经开区|高新区|航空港区|航空港实验区|综保区"
ORG = re.compile(
    r"(?P<city>[" + HAN + r"]{2}市?)?"
    r"(?P<name>" + _ZONES
    + r"|[市区县][" + HAN + r"]{1,4}?局"           # a department: 市工信局, 区统计局
    + r"|[" + HAN + r"]{2}新区"                      # 郑东新区
    + r"|[" + HAN + r"]{2}(?:回族)?(?:区|县|市|镇|乡)"  # 惠济区, 荥阳市, 古荥镇
    + r"|[" + HAN + r"]{2}街道)"
)
# Two-character stems that are not place names: 全区, 片区, 园区, 城市, 超市, 上市 …
_NOT_PLACE_SECOND = set("全片园城社景辖校港厂矿营该本各我省都超夜门股楼级域内外")
_NOT_PLACE_STEM = {"中心", "核心", "示范", "试验", "开发", "新城", "老城", "主城", "功能", "集聚", "先行", "自贸",
                   "保税", "生态", "商务", "旅游", "风景", "综合", "山区", "城区", "特大", "超大", "国际", "城乡",
                   "乡镇", "农村", "现代", "美丽", "宜居", "门户", "高地", "之都", "全域", "先进", "上下"}
# After a mention, words that make it the subject of what follows (not an object: "落实郑州市委全会精神").
_SUBJECT_AFTER = re.compile(
    r"(?:委书记|党工委|管委会|人民政府|政府|党组|将|要|召开|确定|坚持|提出|明确|相关负责人|经济工作|第[一二三四五六七八九十]+届"
    r"|:|坚定|全力|聚焦|着力|持续|谋定|锚定|力争|确保|计划|重点|大力|实现|连续|成功|紧紧|以|在)")
_DISTRICT_COMMITTEE = re.compile(r"委(?:四|五|六|七|八|九|十|[一二三]|工作会议|经济工作会议|全会|常委)")

# --- 5. time ----------------------------------------------------------------------------------------
YEAR = re.compile(r"(?P<since>创)?(?<!\d)(?P<y>(?:19|20)\d{2})\s*年(?!代)|(?P<rel>明年|今年|去年|上年|本年|全年|年内|年度|当年|次年)")
_BARE_YEAR_HEADING = re.compile(r"\s*((?:19|20)\d{2})(?:年.*)?\s*")
PERIOD = re.compile(r"前三季度|上半年|前两个?季度|一季度|第一季度|(?<!\d)1\s*[-—~至]\s*(?P<m>\d{1,2})\s*月")
_PERIOD_MONTH = {"前三季度": 9, "上半年": 6, "前两季度": 6, "前两个季度": 6, "一季度": 3, "第一季度": 3}
FULL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_REVIEWED = re.compile(r"(?:总结|回望|回顾|即将过去的)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:成绩单|以来|工作回顾)")
_PLANNED = re.compile(r"(?:部署|展望|谋划|安排)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:经济工作|重点工作|工作要点|要)")

# --- 6. segments ------------------------------------------------------------------------------------
_SENTENCE_END = "。!?;"
_HEADING_MAX = 48
_BULLET = re.compile(r"\s*(?:[-•·●▪]\s|\(?[一二三四五六七八九十]+[)、])")
_SHORT_QUOTE = re.compile(r"[“‘「『]([^“”‘’「」『』\n]{1,16})[”’」』]")


@dataclass
class Finding:
    """One proposed figure. `start`/`end` index the original text; `value` is in `unit`."""

    kind: str
    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    value_high: Decimal | None = None
    is_growth: bool = False
    comparator: str = Comparator.PLAIN.value
    commitment: str = Commitment.NORMAL.value
    year: int | None = None
    month: int | None = None
    organisation: str | None = None
    indicator_code: str | None = None
    indicator_phrase: str = ""
    wording: str = ""
    figure_start: int = 0
    figure_end: int = 0

    def as_dict(self) -> dict:
        """JSON-ready: Decimals as strings so no precision is lost."""
        data = asdict(self)
        for key in ("value", "value_high"):
            if data[key] is not None:
                data[key] = format(data[key], "f")
        return data


@dataclass
class DocumentDate:
    year: int | None
    month: int | None = None
    day: int | None = None

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month or 1, self.day or 1) if self.year else None


# --- indicator catalogue ------------------------------------------------------------------------------

def _strip_quotes(text: str) -> str:
    return "".join(c for c in text if c not in _QUOTES)


# After a catalogue name, what may follow in the phrase: nothing, a verb or a comparator. Anything else
# makes it part of a longer noun ("规上工业总产值" is not "规上工业").
_NAME_MAY_END = re.compile(r"$|[^" + HAN + r"]|完成|增长|同比|达|突破|超|实现|为|累计|由|到|至|下降|减少|降低|回落|增速|提升|增加|提高|不低于|不少于|在|"
                           r"占|开行|年开行|计划|预计|各|约|近|新增|总额|保持")


class IndicatorMatcher:
    """Finds the catalogue indicator a phrase names, by its name or an alias (longest wins)."""

    def __init__(self, indicators=None):
        entries = {}
        for code, name, aliases in (indicators if indicators is not None else
                                    [(c, n, a) for c, n, a, *_ in CORE_INDICATORS]):
            for word in [name, *re.split(r"[、,,;;\s]+", aliases or "")]:
                word = _strip_quotes(word)
                if len(word) >= 2:
                    entries.setdefault(word, code)
        self._codes = entries
        words = sorted(entries, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, words))) if words else None

    def match(self, phrase: str) -> str | None:
        if not self._pattern or not phrase:
            return None
        text = _strip_quotes(_PARENS.sub("", phrase))
        best = None
        for pos in range(len(text)):
            m = self._pattern.match(text, pos)
            if m and _NAME_MAY_END.match(text, m.end()) and (best is None or len(m[0]) > len(best)):
                best = m[0]
        return self._codes[best] if best else None


_DEFAULT_MATCHER = None


def default_matcher() -> IndicatorMatcher:
    global _DEFAULT_MATCHER
    if _DEFAULT_MATCHER is None:
        _DEFAULT_MATCHER = IndicatorMatcher()
    return _DEFAULT_MATCHER


# --- document date --------------------------------------------------------------------------------------

def detect_date(text: str) -> DocumentDate:
    """The article's date: a full date if written; else month and day with the year read from what the
    article reviews ("总结2024年工作") or plans ("部署2025年…"); else the year it names most often."""
    text = text.translate(_FULL_WIDTH)
    m = FULL_DATE.search(text)
    if m:
        return DocumentDate(int(m[1]), int(m[2]), int(m[3]))
    md = MONTH_DAY.search(text)
    month, day = (int(md[1]), int(md[2])) if md and 1 <= int(md[1]) <= 12 else (None, None)
    reviewed = [int(a or b) for a, b in _REVIEWED.findall(text)]
    planned = [int(a or b) for a, b in _PLANNED.findall(text)]
    r = Counter(reviewed).most_common(1)[0][0] if reviewed else None
    p = Counter(planned).most_common(1)[0][0] if planned else None
    year = None
    if month is not None and month <= 6:
        year = p if p else (r + 1 if r else None)  # early in the year: plans this year, reviews last
    elif r or p:
        year = r if r else p - 1                   # late in the year (or unknown): reviews this year
    if year is None:
        years = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*年", text))
        if years:
            top = max(years.values())
            year = min(y for y, n in years.items() if n == top)
    return DocumentDate(year, month, day)


# --- segmentation ---------------------------------------------------------------------------------------

def _segments(text: str):
    """(start, end, is_heading) for each heading line and each sentence, in order.

    A sentence may run over line breaks (newspaper columns break mid-sentence); it ends at 。!?; , at a
    heading, or before a bulleted line."""
    body_start = None
    for line in re.finditer(r"[^\n]+", text):
        s, e = line.span()
        stripped = line[0].strip()
        heading = (0 < len(stripped) <= _HEADING_MAX and not any(c in stripped for c in ",;。!?")
                   and not stripped[-1:] in "、" and stripped[0] not in _CLAUSE_SEP)
        if heading or _BULLET.match(line[0]):
            if body_start is not None:
                yield from _sentences(text, body_start, s)
                body_start = None
        if heading:
            yield s, e, True
            continue
        if body_start is None:
            body_start = s
    if body_start is not None:
        yield from _sentences(text, body_start, len(text))


def _sentences(text: str, start: int, end: int):
    s = start
    for m in re.finditer(r"[。!?;]", text[start:end]):
        e = start + m.end()
        if text[s:e].strip():
            yield s, e, False
        s = e
    if text[s:end].strip():
        yield s, end, False


# --- organisations ----------------------------------------------------------------------------------------

def _org_name(m: re.Match) -> str | None:
    """The short name of an organisation mention, or None when the words are not a place."""
    name = m["name"]
    if name in _ZONES.split("|"):
        return name
    if name.endswith("局"):
        return name
    stem = name[:2]
    if stem[1] in _NOT_PLACE_SECOND or stem in _NOT_PLACE_STEM or stem[0] in "全本该各我每其这那此":
        return None
    return name


def organisation_key(name: str | None) -> str:
    """Names compare without the city in front: 郑州经开区 = 经开区, 郑州市工信局 = 市工信局."""
    if not name:
        return ""
    return re.sub(r"^[\u4e00-\u9fff]{2}市?(?=(?:" + _ZONES + r"|市.+局)$)", "", name)


def _subject_org(text: str, seg_start: int, seg_end: int, heading: bool) -> str | None:
    """The organisation a heading or sentence speaks for, if it names one as its subject."""
    for m in ORG.finditer(text, seg_start, seg_end):
        name = _org_name(m)
        if not name:
            continue
        after = m.end("name")
        if heading:
            return name
        if name.endswith("市") and text.startswith("委", after) and not text.startswith("委书记", after):
            continue  # "落实郑州市委全会精神": the level above, not the speaker
        lead = text[seg_start:m.start("name")]
        if _SUBJECT_AFTER.match(text, after) or _DISTRICT_COMMITTEE.match(text, after) or re.fullmatch(
                r"[\s\d年月日,近今会议指出表示强调]*", lead):
            return name
    return None


# --- the figures of one sentence --------------------------------------------------------------------------

# A heading that announces plans or a review sets how the figures under it are read, until another does.
_PLAN_HEADING = re.compile(r"目标|预期|计划|任务|思路|安排|部署|展望|重点工作")
_REVIEW_HEADING = re.compile(r"回顾|成绩|成效|完成情况|过去|成就|亮点")


@dataclass
class _State:
    doc: DocumentDate
    organisation: str | None
    year: int | None
    section: str | None = None  # "plan" or "review", from the last heading that said which
    section_year: int | None = None  # the year that heading plans for
    month: int | None = None  # "前三季度" said once covers the figures after it, until the year changes
    span_years: tuple | None = None  # ("由2013年…至2023年") carried within a paragraph
    quotes: list = field(default_factory=list)  # (start, end) of short quotations: names and slogans
    quote_starts: frozenset = frozenset()


def _relative_year(word: str, state: _State) -> int | None:
    base = state.doc.year
    if word == "明年" or word == "次年":
        return base + 1 if base else None
    if word in ("今年", "本年"):
        return base
    if word in ("去年", "上年"):
        return base - 1 if base else None
    return state.year  # 全年, 年度, 年内, 当年: the year being spoken of


def _in_short_quote(state: _State, pos: int) -> bool:
    i = bisect.bisect_right(state.quotes, (pos, 10**12)) - 1
    return i >= 0 and state.quotes[i][0] < pos < state.quotes[i][1]


def _value_and_unit(m: re.Match) -> tuple[Decimal, str, Decimal | None, bool] | None:
    """(value, unit, high end of a range, is a fraction-like share) of a FIGURE match, units normalised."""
    try:
        if m["r_hi"]:
            unit = m["r_unit"]
            high = parse_number(m["r_hi"])
            low = parse_number(m["r_lo"])
            if unit[0] in "万亿" and unit[1:] in _COUNT_UNITS.split("|"):
                low, _u = normalise(low, unit)
            high, unit = _to_report_unit(high, unit)
            low, _u = _to_report_unit(low, m["r_unit"]) if unit != "%" else (low, unit)
            return low, unit, high, False
        if m["frac"]:
            return parse_fraction(m["frac"]), "%", None, True
        if m["pct_words"]:
            return parse_percent_words(m["pct_words"]), "%", None, False
        if m["tenths"]:
            return parse_tenths(m["tenths"]), "%", None, True
        num = m["num"]
        if m["unit"]:
            unit = m["unit"]
            if num[-1] in "万亿" and not num[:-1].isdigit() and unit in ("元", "美元", "平方米"):
                num, unit = num[:-1], num[-1] + unit  # "两万亿元": the magnitude belongs to the unit
            value, unit = _to_report_unit(parse_number(num), unit)
        else:
            value, unit = normalise(parse_number(num), (m["mag"] or "") + m["cunit"])
        return value, unit, None, False
    except NumeralError:
        return None


def _to_report_unit(value: Decimal, unit: str) -> tuple[Decimal, str]:
    value, unit = normalise(value, unit)
    if unit in _REPORT_UNIT:
        return convert(value, unit, _REPORT_UNIT[unit]), _REPORT_UNIT[unit]
    return value, unit


def _excluded(text: str, m: re.Match, state: _State) -> bool:
    """Figures that are not quantities: ordinals, names in short quotes, the article 一个, word starts."""
    s = m.start()
    before = text[s - 1] if s else ""
    if before in "第前居" or (before.isascii() and before.isalnum()) or before in "+.":
        return True
    if _in_short_quote(state, s):
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
    if m["unit"] in ("亿元", "万元", "元", "亿美元", "万美元") and _QUALIFIER_AFTER.match(text, m.end()):
        return True  # "10亿元以上项目": a class of projects, not an amount
    if m["frac"] and "/" in m["frac"] and re.match(r"\d", text[m.end():m.end() + 1]):
        return True
    return False


def _clause_start(text: str, lo: int, pos: int, short_quotes: frozenset = frozenset()) -> int:
    """Where the clause holding `pos` begins: after , ; : 、 or the opening mark of a long quotation
    (“地区生产总值增长6%左右,…”的预期目标), not before `lo`. Short quotes are names inside the clause."""
    i = pos - 1
    while i >= lo and text[i] not in _CLAUSE_SEP and text[i] not in "。!?" and not (
            text[i] in "“‘「『" and i not in short_quotes):
        i -= 1
    return i + 1


def _commitment(text: str, seg_start: int, pos: int) -> tuple[str, str, bool]:
    """(commitment, cue word, is a plan) from the nearest cue before `pos` that still reaches it."""
    best = None
    for m in _CUE.finditer(text, seg_start, pos):
        best = m
    if best is None:
        return Commitment.NORMAL.value, "", False
    # a clause that opens with a new action after the cue ends its reach
    i = best.end()
    while True:
        j = min((text.find(c, i, pos) for c in _CLAUSE_SEP if text.find(c, i, pos) >= 0), default=-1)
        if j < 0:
            break
        if _NEW_ACTION.match(text, j + 1) and not _CUE.match(text, j + 1):
            return Commitment.NORMAL.value, "", False
        i = j + 1
    if best["floor"]:
        return Commitment.FLOOR.value, best[0], True
    if best["stretch"]:
        return Commitment.STRETCH.value, best[0], True
    return Commitment.NORMAL.value, "", True


def _comparator(text: str, phrase_start: int, fig: re.Match) -> tuple[str, int]:
    """(comparator, end of the comparator words) from the words right before and after the figure."""
    s, e = fig.start(), fig.end()
    if fig["more"] or fig["more2"]:
        return Comparator.AT_LEAST.value, e
    after = text[e:e + 2]
    if any(after.startswith(w) for w in ABOUT_WORDS):
        return Comparator.ABOUT.value, e + 2
    for w in _AT_LEAST_AFTER:
        if after.startswith(w):
            return Comparator.AT_LEAST.value, e + len(w)
    before = text[max(phrase_start, s - 4):s]
    if any(w in before for w in _AT_LEAST_BEFORE):
        return Comparator.AT_LEAST.value, e
    if any(before.endswith(w) for w in _ABOUT_BEFORE):
        return Comparator.ABOUT.value, e
    return Comparator.PLAIN.value, e


def _year_for(text: str, seg_start: int, pos: int, state: _State, year_marks) -> int | None:
    """The year of a figure: "由2013年的…提升至2023年的…" pairs, else the last year named before it in the
    sentence, else the year being spoken of."""
    lead = text[max(seg_start, pos - 4):pos]
    if state.span_years and not any(y[0] >= seg_start and y[0] < pos and y[1] for y in year_marks
                                    if y[0] >= pos - 8):
        if lead.endswith("由") or lead.endswith("由年开行"):
            return state.span_years[0]
        if re.search(r"(?:至|到)(?:年开行)?$", lead):
            return state.span_years[1]
    year = None
    for at, value in year_marks:
        if at < pos:
            year = value
    return year if year is not None else state.year


def _month_for(text: str, seg_start: int, pos: int) -> int | None:
    month = None
    for m in PERIOD.finditer(text, seg_start, pos):
        month = int(m["m"]) if m["m"] else _PERIOD_MONTH.get(m[0].replace(" ", ""))
    return month


def _sentence(text: str, original: str, s: int, e: int, state: _State, matcher: IndicatorMatcher) -> list[Finding]:
    year_marks = []  # (offset, year) of every year named in the sentence
    for m in YEAR.finditer(text, s, e):
        if m["since"]:
            continue  # "创2019年以来新高" speaks of now
        year = int(m["y"]) if m["y"] else _relative_year(m["rel"], state)
        if year is not None:
            year_marks.append((m.start(), year))
    pair = re.search(r"由\s*((?:19|20)\d{2})\s*年.{0,40}?(?:至|到)\s*((?:19|20)\d{2})\s*年", text[s:e])
    if pair:
        state.span_years = (int(pair[1]), int(pair[2]))
    findings: list[Finding] = []
    prev_end = s
    prev_indicator = None
    sentence_future = bool(_FUTURE_WORDS.search(text, s, e))
    sentence_past = bool(_RESULT_VERBS.search(text, s, e))
    for fig in FIGURE.finditer(text, s, e):
        if _excluded(text, fig, state):
            continue
        parsed = _value_and_unit(fig)
        if parsed is None:
            continue
        value, unit, high, fraction = parsed
        clause = max(_clause_start(text, s, fig.start(), state.quote_starts), prev_end)
        before = text[clause:fig.start()]
        comparator, cmp_end = _comparator(text, clause, fig)
        commitment, cue, planned = _commitment(text, s, fig.start())
        year = _year_for(text, s, fig.start(), state, year_marks)
        # the noun after a count ("新增40家高新技术企业"), up to the next clause mark
        after_noun = ""
        end = cmp_end
        if fig["cunit"] or (fig["r_unit"] and fig["r_unit"][-1] in _COUNT_UNITS) or unit in COUNT_UNITS:
            m_after = _AFTER_NOUN.match(text, cmp_end, e)
            if m_after and m_after[0] and not before.rstrip().endswith("由"):
                after_noun = m_after[0]
                end = cmp_end + len(after_noun)
        phrase = _TAIL.sub("", _LEAD.sub("", before.strip()))
        whole_clause = text[_clause_start(text, s, fig.start(), state.quote_starts):fig.start()]
        share_word = _SHARE.search(whole_clause) if unit == "%" else None
        is_share = share_word is not None
        if fraction and not is_share:
            continue
        # ---- kind, first rule that applies
        project_name = None
        if high is not None:
            kind = "range"
        elif is_share:
            kind = "share"
        elif unit in ("亿元", "万元", "元", "万美元") and (project_name := _project_name(text, cmp_end, e)):
            kind = "project"
            end = cmp_end + len(project_name)
            project_name = project_name.lstrip("以上左右").lstrip("的")
        elif (planned or (year and state.doc.year and year > state.doc.year)
              or (state.section == "plan" and not (year and state.section_year and year < state.section_year))
              or any(w in before for w in _REQUIREMENT_WORDS)
              or (year == state.doc.year and state.doc.month and state.doc.month <= 6
                  and sentence_future and not sentence_past)):
            kind = "target"
        elif unit in ("个", "家", "人"):
            kind = "count"
        else:
            kind = "result"
        is_growth = kind in ("target", "result") and unit == "%" and bool(_GROWTH.search(before))
        if is_growth and any(w in before for w in DECLINE_WORDS):
            value = -value
        indicator_text = phrase + after_noun if kind != "project" else project_name
        code = matcher.match(phrase + after_noun) if kind in ("target", "result", "count") else None
        if kind in ("target", "result") and not _has_noun(phrase) and not after_noun and prev_indicator:
            code, indicator_text = prev_indicator  # "完成1328.4亿元,同比增长8.2%": the same indicator
        if kind == "share" and prev_indicator and not _has_noun(re.sub(r"全市|全省|全国|占比?|比重|的|由", "", phrase)):
            indicator_text = (prev_indicator[1] or "") + whole_clause[share_word.start():]
        start = min(clause + (len(before) - len(before.lstrip())), fig.start())
        if kind == "project":
            start = _project_start(text, clause, fig.start())
        findings.append(Finding(
            kind=kind, start=start, end=end, text=original[start:end], value=value, unit=unit,
            value_high=high, is_growth=is_growth, comparator=comparator, commitment=commitment,
            year=year, month=(_month_for(text, s, fig.start()) or state.month) if kind in ("result", "count") else None,
            organisation=state.organisation, indicator_code=code, indicator_phrase=indicator_text.strip(),
            wording=(cue if cue and cue not in original[start:end] else "") + original[start:cmp_end + (
                len(after_noun) if after_noun else 0)].replace("\n", ""),
            figure_start=fig.start(), figure_end=fig.end()))
        if kind in ("target", "result") and _has_noun(phrase):
            prev_indicator = (code, phrase)
        prev_end = end
    last_month = _month_for(text, s, e)
    if year_marks and year_marks[-1][1] != state.year:
        state.month = None
    if last_month:
        state.month = last_month
    if year_marks:
        state.year = year_marks[-1][1]
    return findings


def _has_noun(phrase: str) -> bool:
    return bool(re.search("[" + HAN + "]", phrase))


# A project's money is tied to its name by 的: "总投资90.84亿元的古荥城市更新", "10亿元以上的片区综合更新项目".
_PROJECT_NAME = re.compile(r"(?:以上|左右)?的(?P<name>[^,;:、。!?\n]{2,30}?)(?=等|、|,|;|。|$|以|为|和)")
_NOT_PROJECT = re.compile(r"(?:基础|目标|任务|水平|规模|同时|情况|比重|增长|成绩|基础上)")


def _project_name(text: str, pos: int, end: int) -> str | None:
    """The project a sum of money belongs to, when 的 ties them; None otherwise."""
    m = _PROJECT_NAME.match(text, pos, end)
    if not m or _NOT_PROJECT.match(m["name"]):
        return None
    return text[pos:m.end("name")]


def _project_start(text: str, clause: int, fig_start: int) -> int:
    """A project's span starts at 总投资/投资/签约 right before its money, else at the money."""
    m = re.search(r"(?:计划总投资|总投资|投资|签约)$", text[clause:fig_start])
    return clause + m.start() if m else fig_start


# --- the whole document -------------------------------------------------------------------------------------

def extract(text: str, *, date: dt.date | DocumentDate | None = None, organisation: str | None = None,
            matcher: IndicatorMatcher | None = None) -> list[Finding]:
    """All findings of one report. `date` overrides the detected date; `organisation` is the speaker until
    the text names one (e.g. the uploader's district)."""
    original = text
    text = text.translate(_FULL_WIDTH)
    if isinstance(date, dt.date):
        doc = DocumentDate(date.year, date.month, date.day)
    else:
        doc = date or detect_date(text)
    state = _State(doc=doc, organisation=organisation, year=doc.year)
    state.quotes = [(m.start(), m.end()) for m in _SHORT_QUOTE.finditer(text)
                    if not any(c in m[1] for c in ",;。")]
    state.quote_starts = frozenset(q[0] for q in state.quotes)
    matcher = matcher or default_matcher()
    findings: list[Finding] = []
    for s, e, heading in _segments(text):
        if heading:
            org = _subject_org(text, s, e, True)
            if org:
                state.organisation = org
            bare = _BARE_YEAR_HEADING.fullmatch(text[s:e])
            years = [int(m["y"]) for m in YEAR.finditer(text, s, e) if m["y"]]
            if bare or years:
                state.year = int(bare[1]) if bare else years[0]
            elif org:
                state.year = doc.year  # a new speaker starts from the article's own year
            state.month = _month_for(text, s, e)
            if _PLAN_HEADING.search(text, s, e):
                state.section, state.section_year = "plan", state.year
            elif _REVIEW_HEADING.search(text, s, e):
                state.section = "review"
            elif org:
                state.section = None
            state.span_years = None
            continue
        org = _subject_org(text, s, e, False)
        if org:
            state.organisation = org
        findings.extend(_sentence(text, original, s, e, state, matcher))
    return findings
