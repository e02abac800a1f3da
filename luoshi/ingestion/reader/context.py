"""Stage 2: who speaks and when — organisations, the document's date, years and months, carried forward.

Headings and subject mentions ("惠济区将…", "——访荥阳市委书记") set the organisation; years ("2024年",
"明年", a heading "2023年成绩单") set the year; a heading without a year puts the year back to the
article's own year, detected from its date or its wording.
"""
import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from luoshi.ingestion.reader.text import HAN, normalise

# --- organisations --------------------------------------------------------------------------------------
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
    r"(?:委书记|党工委|管委会|人民政府|政府|党组|将|要|召开|确定|坚持|提出|明确|相关负责人|经济工作|"
    r"第[一二三四五六七八九十]+届"
    r"|:|坚定|全力|聚焦|着力|持续|谋定|锚定|力争|确保|计划|重点|大力|实现|连续|成功|紧紧|以|在)")
_DISTRICT_COMMITTEE = re.compile(r"委(?:四|五|六|七|八|九|十|[一二三]|工作会议|经济工作会议|全会|常委)")


def _org_name(m: re.Match) -> str | None:
    """The short name of an organisation mention, or None when the words are not a place."""
    name = m["name"]
    if name in _ZONES.split("|") or name.endswith("局"):
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


def subject_org(text: str, seg_start: int, seg_end: int, heading: bool) -> str | None:
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


# --- time -------------------------------------------------------------------------------------------------
YEAR = re.compile(r"(?P<since>创)?(?<!\d)(?P<y>(?:19|20)\d{2})\s*年(?!代)|(?P<rel>明年|今年|去年|上年|本年|全年|年内|"
                  r"年度|当年|次年)")
BARE_YEAR_HEADING = re.compile(r"\s*((?:19|20)\d{2})(?:年.*)?\s*")
# Periods of a year that results are reported to: 前三季度, 上半年, 1-8月, 截至8月底, 10月末.
PERIOD = re.compile(r"前三季度|上半年|前两个?季度|一季度|第一季度|(?<!\d)1\s*[-—~至]\s*(?P<m>\d{1,2})\s*月"
                    r"|(?:截至|截止|到)(?:(?:19|20)\d{2}年)?(?P<end>\d{1,2})月(?:底|末)")
_PERIOD_MONTH = {"前三季度": 9, "上半年": 6, "前两季度": 6, "前两个季度": 6, "一季度": 3, "第一季度": 3}
FULL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_REVIEWED = re.compile(r"(?:总结|回望|回顾|即将过去的)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:成绩单|以来|"
                       r"工作回顾)")
_PLANNED = re.compile(r"(?:部署|展望|谋划|安排)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:经济工作|重点工作|"
                      r"工作要点|要)")
# A heading that announces plans or a review sets how the figures under it are read, until another does.
PLAN_HEADING = re.compile(r"目标|预期|计划|任务|思路|安排|部署|展望|重点工作")
REVIEW_HEADING = re.compile(r"回顾|成绩|成效|完成情况|过去|成就|亮点|进展|运行情况")


@dataclass
class DocumentDate:
    year: int | None
    month: int | None = None
    day: int | None = None

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month or 1, self.day or 1) if self.year else None


def detect_date(text: str) -> DocumentDate:
    """The article's date: a full date if written; else month and day with the year read from what the
    article reviews ("总结2024年工作") or plans ("部署2025年…"); else the year it names most often."""
    text = normalise(text)
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


@dataclass
class State:
    """What the reader knows when it reaches a sentence, carried forward from the ones before."""
    doc: DocumentDate
    organisation: str | None
    year: int | None
    section: str | None = None  # "plan" or "review", from the last heading that said which
    section_year: int | None = None  # the year that heading plans for
    month: int | None = None  # "前三季度" said once covers the figures after it, until the year changes
    span_years: tuple | None = None  # ("由2013年…至2023年") carried within a paragraph
    target_list: bool = False  # inside "主要预期目标为:A;B;C" until the list's full stop
    quotes: list = field(default_factory=list)  # (start, end) of short quotations: names and slogans
    quote_starts: frozenset = frozenset()

    def in_short_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quotes, (pos, 10**12)) - 1
        return i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1]

    def relative_year(self, word: str) -> int | None:
        base = self.doc.year
        if word in ("明年", "次年"):
            return base + 1 if base else None
        if word in ("今年", "本年"):
            return base
        if word in ("去年", "上年"):
            return base - 1 if base else None
        return self.year  # 全年, 年度, 年内, 当年: the year being spoken of

    def heading(self, text: str, s: int, e: int) -> None:
        """A heading may name a speaker, a year, a period, and whether plans or a review follow."""
        org = subject_org(text, s, e, True)
        if org:
            self.organisation = org
        bare = BARE_YEAR_HEADING.fullmatch(text[s:e])
        years = [int(m["y"]) for m in YEAR.finditer(text, s, e) if m["y"]]
        if bare or years:
            self.year = int(bare[1]) if bare else years[0]
        elif org:
            self.year = self.doc.year  # a new speaker starts from the article's own year
        self.month = month_in(text, s, e)
        if PLAN_HEADING.search(text, s, e) and not REVIEW_HEADING.search(text, s, e):
            self.section, self.section_year = "plan", self.year
        elif REVIEW_HEADING.search(text, s, e):
            self.section = "review"
        elif org:
            self.section = None
        self.span_years = None
        self.target_list = False


def begin_sentence(text: str, s: int, e: int, state: State) -> list[tuple[int, int]]:
    """(offset, year) of every year named in the sentence ("创2019年以来新高" speaks of now), and a
    "由2013年…至2023年…" pair kept for the paragraph."""
    pair = re.search(r"由\s*((?:19|20)\d{2})\s*年.{0,40}?(?:至|到)\s*((?:19|20)\d{2})\s*年", text[s:e])
    if pair:
        state.span_years = (int(pair[1]), int(pair[2]))
    marks = []
    for m in YEAR.finditer(text, s, e):
        if m["since"]:
            continue
        year = int(m["y"]) if m["y"] else state.relative_year(m["rel"])
        if year is not None:
            marks.append((m.start(), year))
    return marks


def year_for(text: str, seg_start: int, pos: int, state: State, marks) -> int | None:
    """The year of a figure: "由2013年的…提升至2023年的…" pairs, else the last year named before it in the
    sentence, else the year being spoken of."""
    lead = text[max(seg_start, pos - 4):pos]
    if state.span_years and not any(y[0] >= seg_start and y[0] < pos and y[1] for y in marks if y[0] >= pos - 8):
        if lead.endswith("由") or lead.endswith("由年开行"):
            return state.span_years[0]
        if re.search(r"(?:至|到)(?:年开行)?$", lead):
            return state.span_years[1]
    year = None
    for at, value in marks:
        if at < pos:
            year = value
    return year if year is not None else state.year


def month_in(text: str, start: int, end: int) -> int | None:
    """The last period named between start and end, as its last month (前三季度 -> 9, 截至8月底 -> 8)."""
    month = None
    for m in PERIOD.finditer(text, start, end):
        month = int(m["m"] or m["end"]) if (m["m"] or m["end"]) else _PERIOD_MONTH.get(m[0].replace(" ", ""))
    return month


def after_sentence(text: str, s: int, e: int, state: State, marks) -> None:
    """What a sentence leaves for the next: its last year and period; a target list ends at 。."""
    last_month = month_in(text, s, e)
    if marks and marks[-1][1] != state.year:
        state.month = None
    if last_month:
        state.month = last_month
    if marks:
        state.year = marks[-1][1]
    if not text[s:e].rstrip().endswith(";"):
        state.target_list = False
