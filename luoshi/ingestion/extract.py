"""Reading a work report (工作报告解析): Chinese text in, proposed findings out. Pure functions, no database.

A finding is one figure with everything a reviewer needs to turn it into a record: its kind and role
(target / plan / result), value and normalised unit (the high end of a range), growth or level,
comparator (about / at least / at most / exact / range) and commitment (力争/确保), the year and month
it belongs to, the organisation that speaks, the catalogue indicator it measures (or the phrase when
none matches), the wording a target would keep, and the exact span in the original text.

The stages live in `luoshi.ingestion.reader` (text → context → figures → catalogue → clauses → roles); this
module runs them in one forward pass:
1. the text is normalised one character for one and cut into headings and sentences;
2. headings and subjects set the organisation, years and periods set the time, carried forward;
3. each figure of a sentence is described from the words of its clause — the indicator before it or
   the noun after a count — and classified; a figure with no noun of its own ("同比增长61.9%",
   "确保6%", "和16420元") belongs to the figure before it;
4. relative targets ("与经济增长基本同步") are found beside the figures.
"""
import datetime as dt
import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from luoshi.core.target_wording import DECLINE_WORDS, RELATIVE, RELATIVE_LINK
from luoshi.core.targets import Commitment, Comparator
from luoshi.core.units import COUNT_UNITS, THING_UNITS
from luoshi.ingestion.reader import clauses, roles
from luoshi.ingestion.reader.catalogue import IndicatorMatcher, default_matcher
from luoshi.ingestion.reader.context import (
    DocumentDate,
    State,
    after_sentence,
    begin_sentence,
    detect_date,
    month_in,
    organisation_key,
    subject_org,
    year_for,
)
from luoshi.ingestion.reader.figures import FIGURE, excluded, value_and_unit
from luoshi.ingestion.reader.text import clause_start, has_noun, normalise, segments, short_quotes

__all__ = ["KINDS", "ROLES", "Finding", "DocumentDate", "IndicatorMatcher", "default_matcher", "detect_date",
           "extract", "organisation_key"]

KINDS = ("target", "result", "project", "count", "range", "share", "relative")
ROLES = ("target", "plan", "result")

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
    role: str = "result"
    linked_code: str | None = None  # the indicator a relative target follows ("gdp")

    def as_dict(self) -> dict:
        """JSON-ready: Decimals as strings so no precision is lost."""
        data = asdict(self)
        for key in ("value", "value_high"):
            if data[key] is not None:
                data[key] = format(data[key], "f")
        return data


@dataclass
class _Sentence:
    """One sentence being read: its bounds, what it says as a whole, and the figure before."""
    text: str
    original: str
    start: int
    end: int
    state: State
    matcher: IndicatorMatcher
    marks: list
    future: bool
    past: bool
    results: bool
    prev: Finding | None = None
    prev_noun: tuple | None = None  # (code, phrase) of the last figure that named its measure
    prev_end: int = 0


def _after_noun(sen: _Sentence, fig: re.Match, unit: str, cmp_end: int, before: str) -> str:
    """The noun after a count ("新增40家高新技术企业"), up to the next clause mark."""
    if not (fig["cunit"] or (fig["r_unit"] and fig["r_unit"][-1] in clauses.COUNTED_THINGS) or unit in COUNT_UNITS):
        return ""
    m = clauses.AFTER_NOUN.match(sen.text, cmp_end, sen.end)
    return m[0] if m and m[0] and not before.rstrip().endswith("由") else ""


def _kind(sen: _Sentence, fig, unit, high, is_share, cmp_end, before, promised) -> tuple[str, str | None]:
    """The kind of a figure, first rule that applies, and the project name for a project."""
    if high is not None:
        return "range", None
    if is_share:
        return "share", None
    if unit in clauses.MONEY_UNITS and (name := roles.project_name(sen.text, cmp_end, sen.end)):
        return "project", name
    if promised:
        return "target", None
    return ("count" if unit in THING_UNITS else "result"), None


def _role(kind: str, promised: bool, plan: bool) -> str:
    if kind == "project" or (promised and plan):
        return "plan"
    return "target" if promised else "result"


@dataclass
class _Words:
    """The words of one figure's clause, read once: what comes before it, what after, and the cues."""
    clause: int
    before: str
    joined: bool
    comparator: str
    cmp_end: int
    commitment: str
    cue: str
    promise: str | None
    year: int | None
    after_noun: str
    phrase: str
    whole_clause: str
    share_word: re.Match | None


def _words(sen: _Sentence, fig: re.Match, unit: str) -> _Words:
    text, state = sen.text, sen.state
    clause = max(clause_start(text, sen.start, fig.start(), state.quote_starts), sen.prev_end)
    before = text[clause:fig.start()]
    joined = sen.prev is not None and clauses.JOINED.fullmatch(before) is not None
    comparator, cmp_end = roles.comparator(text, clause, fig)
    if joined and comparator == Comparator.PLAIN:
        comparator = sen.prev.comparator  # "分别达到A和B": B is reached like A
    commitment, cue, promise = roles.commitment(text, sen.start, fig.start())
    whole_clause = text[clause_start(text, sen.start, fig.start(), state.quote_starts):fig.start()]
    return _Words(clause, before, joined, comparator, cmp_end, commitment, cue, promise,
                  year_for(text, sen.start, fig.start(), state, sen.marks),
                  _after_noun(sen, fig, unit, cmp_end, before),
                  "" if joined else clauses.phrase(before), whole_clause,
                  clauses.SHARE.search(whole_clause) if unit == "%" else None)


def _measure(sen: _Sentence, w: _Words, kind: str, unit: str,
             project: str | None) -> tuple[str | None, str, bool, bool]:
    """(indicator code, indicator phrase, is a growth, is a decline) of a figure."""
    is_growth = kind in ("target", "result", "range") and unit == "%" and bool(clauses.GROWTH.search(w.before))
    decline = is_growth and any(word in w.before for word in DECLINE_WORDS)
    if kind == "project":
        return None, project, False, False
    indicator_text = w.phrase + w.after_noun
    # the measure is matched before its verbs are trimmed: 单位GDP能耗下降 names a rate of its own
    code = sen.matcher.match(clauses.LEAD.sub("", w.before.strip()) + w.after_noun) if not w.joined else None
    if kind == "share":
        code = sen.matcher.match(w.before)
        code = code if sen.matcher.is_rate(code) else None  # a share indicator of the catalogue (科技服务业占GDP比重)
        if sen.prev_noun and not has_noun(clauses.SHARE_FILLER.sub("", w.phrase)):
            indicator_text = (sen.prev_noun[1] or "") + w.whole_clause[w.share_word.start():]
    elif not has_noun(w.phrase) and not w.after_noun and sen.prev_noun:
        code, indicator_text = sen.prev_noun  # "完成1328.4亿元,同比增长8.2%": the same indicator
        prev = sen.prev
        if unit == "%" and prev is not None and prev.is_growth and not is_growth and prev.unit == "%":
            is_growth, decline = True, prev.value < 0  # "力争增长7%,确保6%": a bare percentage after a growth
    if sen.matcher.is_rate(code):
        is_growth, decline = False, False  # 失业率4.8%, 单位GDP能耗下降3%: the rate itself
    return code, indicator_text, is_growth, decline


def _read_figure(sen: _Sentence, fig: re.Match) -> Finding | None:
    parsed = value_and_unit(fig)
    if parsed is None:
        return None
    value, unit, high, fraction = parsed
    w = _words(sen, fig, unit)
    if fraction and w.share_word is None:
        return None
    promised = roles.is_promised(plan_cue=w.promise, year=w.year, state=sen.state, before=w.before,
                                 sentence_future=sen.future, sentence_past=sen.past, results_sentence=sen.results)
    kind, project = _kind(sen, fig, unit, high, w.share_word is not None, w.cmp_end, w.before, promised)
    end, start = w.cmp_end + len(w.after_noun), min(w.clause + len(w.before) - len(w.before.lstrip()), fig.start())
    if kind == "project":
        end, start = w.cmp_end + len(project), roles.project_start(sen.text, w.clause, fig.start())
        project = project.lstrip("以上左右").lstrip("的")
    code, indicator_text, is_growth, decline = _measure(sen, w, kind, unit, project)
    if decline:
        value, high = (-value, None) if high is None else sorted((-value, -high))
    if kind in ("target", "result", "count", "range") and (has_noun(w.phrase) or w.after_noun):
        sen.prev_noun = (code, indicator_text)
    month = (month_in(sen.text, sen.start, fig.start()) or sen.state.month) if kind in ("result", "count") else None
    wording = ((w.cue if w.cue and w.cue not in sen.original[start:end] else "")
               + sen.original[start:w.cmp_end + len(w.after_noun)])
    return Finding(kind=kind, start=start, end=end, text=sen.original[start:end], value=value, unit=unit,
                   value_high=high, is_growth=is_growth, comparator=w.comparator, commitment=w.commitment,
                   year=w.year, month=month, organisation=sen.state.organisation, indicator_code=code,
                   indicator_phrase=indicator_text.strip(), wording=wording.replace("\n", ""),
                   figure_start=fig.start(), figure_end=fig.end(), role=_role(kind, promised, w.promise == "plan"))


def _relative(sen: _Sentence, m: re.Match) -> Finding:
    """"居民人均可支配收入增长与经济增长基本同步": a growth tied to GDP's, without a number of its own."""
    text = sen.text
    clause = clause_start(text, sen.start, m.start(), sen.state.quote_starts)
    phrase = clauses.RELATIVE_TAIL.sub("", clauses.phrase(text[clause:m.start()])) or text[clause:m.start()]
    comparator = (Comparator.ABOUT if m["about"] else Comparator.AT_LEAST if m["least"] else Comparator.AT_MOST).value
    commitment, cue, _p = roles.commitment(text, sen.start, m.start())
    code = sen.matcher.match(text[clause:m.start()])
    start = clause + (len(text[clause:m.start()]) - len(text[clause:m.start()].lstrip()))
    return Finding(kind="relative", start=start, end=m.end(), text=sen.original[start:m.end()], value=Decimal(0),
                   unit="%", is_growth=True, comparator=comparator, commitment=commitment,
                   year=year_for(text, sen.start, m.start(), sen.state, sen.marks),
                   organisation=sen.state.organisation, indicator_code=code, indicator_phrase=phrase.strip(),
                   wording=(cue or "") + sen.original[start:m.end()].replace("\n", ""), figure_start=m.start(),
                   figure_end=m.end(), role="target", linked_code=RELATIVE_LINK)


def _sentence(text: str, original: str, s: int, e: int, state: State, matcher: IndicatorMatcher) -> list[Finding]:
    marks = begin_sentence(text, s, e, state)
    sen = _Sentence(text, original, s, e, state, matcher, marks, future=bool(roles.FUTURE_WORDS.search(text, s, e)),
                    past=bool(roles.RESULT_VERBS.search(text, s, e)),
                    results=bool(roles.RESULTS_CUE.search(text, s, e) or roles.EVENT_CUE.search(text, s, e)),
                    prev_end=s)
    carried, list_open = state.target_list, roles.TARGET_LIST.search(text, s, e)
    findings: list[Finding] = []
    for fig in FIGURE.finditer(text, s, e):
        if excluded(text, fig, state.in_short_quote):
            continue
        # inside "主要预期目标为:A;B;C": every item after the colon, and every item of the ;-sentences after
        state.target_list = carried or (list_open is not None and fig.start() >= list_open.end())
        finding = _read_figure(sen, fig)
        if finding is not None:
            findings.append(finding)
            sen.prev, sen.prev_end = finding, finding.end
    state.target_list = carried or list_open is not None
    for m in RELATIVE.finditer(text, s, e):
        if state.target_list or not (sen.results or sen.past):  # "实现了与经济增长同步" reports, not promises
            findings.append(_relative(sen, m))
    after_sentence(text, s, e, state, marks)
    return sorted(findings, key=lambda f: f.start)


# --- the whole document -------------------------------------------------------------------------------------

def extract(text: str, *, date: dt.date | DocumentDate | None = None, organisation: str | None = None,
            matcher: IndicatorMatcher | None = None) -> list[Finding]:
    """All findings of one report. `date` overrides the detected date; `organisation` is the speaker until
    the text names one (e.g. the uploader's district)."""
    original = text
    text = normalise(text)
    if isinstance(date, dt.date):
        doc = DocumentDate(date.year, date.month, date.day)
    else:
        doc = date or detect_date(text)
    state = State(doc=doc, organisation=organisation, year=doc.year)
    state.quotes = short_quotes(text)
    state.quote_starts = frozenset(q[0] for q in state.quotes)
    matcher = matcher or default_matcher()
    findings: list[Finding] = []
    for s, e, heading in segments(text):
        if heading:
            state.heading(text, s, e)
            continue
        org = subject_org(text, s, e, False)
        if org:
            state.organisation = org
        findings.extend(_sentence(text, original, s, e, state, matcher))
    return findings
