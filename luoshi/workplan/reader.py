"""Reading a work report's numbered sections into a proposed work plan (工作台账草稿).

General form served: a report that lists the year's work under numbered headings ("1 关于重点项目建设",
"一、…") and, under each, sentences of work with a deadline ("3月底前实质性开工", "年底前") or a quantity
("收储土地不低于1100亩"). Each such sentence becomes a `task` finding with its exact span: the heading goes
into `indicator_phrase`, the deadline month into `month` (year end when none is said), a quantity and its
wording into `value`/`unit`/`wording`. Nothing is written to the plan until a person accepts the finding
(ingestion's acceptor mechanism → `task_from_finding`), choosing the lead unit.
"""
import re
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from luoshi.core.target_wording import QUANTITY
from luoshi.core.units import Unit

HEADING = re.compile(r"^[ \t]*(?P<n>\d{1,2})[ \t]+(?P<title>关于[^\n。]{2,30})[ \t]*$", re.M)
_CN_HEADING = re.compile(r"^[ \t]*(?P<n>[一二三四五六七八九十]{1,3})[、.][ \t]*(?P<title>[^\n。]{2,30})$", re.M)
_CN = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
DEADLINE = re.compile(r"(?P<m>\d{1,2})月(?:底|末)?(?:前|以前|底)|(?P<half>上半年|年中)|(?P<end>年底前|年底|年内|全年)")
# A sentence is work to follow when it promises (力争/确保/推进 …) or dates itself.
_PROMISE = re.compile(r"力争|确保|完成|实现|建成|推进|开工|新增|不低于|不少于|以上|突破|达到|达")
_PROMISE_START = re.compile(r"力争|确保|计划|新增|争取")
_COMPARATOR_BEFORE = ("不低于", "不少于", "超过", "突破", "达到", "达", "超")
_SENTENCE_END = "。;!?"


def _headings(text: str) -> list[tuple[int, int, int, str]]:
    """(start of heading, end of heading, number, title) in text order."""
    found = [(m.start(), m.end(), int(m["n"]), m["title"].strip()) for m in HEADING.finditer(text)]
    if not found:
        found = [(m.start(), m.end(), _CN.get(m["n"], 0) or len(m["n"]), m["title"].strip())
                 for m in _CN_HEADING.finditer(text) if m["n"] in _CN]
    return found


def _sentences(text: str, start: int, end: int):
    """(joined sentence, original index of each of its characters) over text[start:end]; a sentence that
    runs across a line or page break is joined, and its span stays that of the original text."""
    chars, positions = [], []
    for i in range(start, end):
        c = text[i]
        if c in "\n\r" or (c in " \t" and not chars):
            continue
        chars.append(c)
        positions.append(i)
        if c in _SENTENCE_END:
            yield "".join(chars).strip(), positions
            chars, positions = [], []
    if chars and "".join(chars).strip():
        yield "".join(chars).strip(), positions


def _clauses(sentence: str, positions: list[int]):
    """A sentence with several deadlines ("3月底前实质性开工,…5月底前A组团主体改造完成") is one task per
    deadline, cut at the comma before each later deadline; (original start, end, clause text)."""
    cuts = [0]
    for m in list(DEADLINE.finditer(sentence))[1:]:
        comma = max(sentence.rfind(",", 0, m.start()), sentence.rfind(",", 0, m.start()))
        if comma > cuts[-1]:
            cuts.append(comma + 1)
    cuts.append(len(sentence))
    for a, b in zip(cuts, cuts[1:], strict=False):
        clause = sentence[a:b].strip(",," + _SENTENCE_END)
        if clause:
            yield positions[a], positions[b - 1] + 1, clause


def _deadline_month(sentence: str) -> tuple[int, str]:
    m = DEADLINE.search(sentence)
    if m is None:
        return 12, ""
    if m["m"]:
        month = int(m["m"])
        return (month if 1 <= month <= 12 else 12), m.group(0)
    return (6 if m["half"] else 12), m.group(0)


def _quantity(sentence: str) -> tuple[Decimal, str, str]:
    """The promised quantity with its comparator words ("不低于1100亩"), read by the ledger's QUANTITY: the
    first with a comparator, else the first after a promise (力争, 确保, 计划, 新增), else the first."""
    found = [m for m in QUANTITY.finditer(sentence) if m["num"] and m["num"][0].isdigit()]
    if not found:
        return Decimal(0), "", ""
    promise = _PROMISE_START.search(sentence)
    m = next((m for m in found if any(sentence[max(0, m.start() - 3):m.start()].endswith(w)
                                      for w in _COMPARATOR_BEFORE)), None) \
        or next((m for m in found if promise and m.start() > promise.start()), found[0])
    unit = m["unit"] if m["unit"] in Unit.values else ""
    before = sentence[max(0, m.start() - 3):m.start()]
    comparator = next((w for w in _COMPARATOR_BEFORE if before.endswith(w)), "")
    suffix = "以上" if sentence[m.end():m.end() + 2].startswith("以上") else ""
    return Decimal(m["num"]), unit, f"{comparator}{m.group(0)}{suffix}" if unit else ""


def read_tasks(text: str, *, date=None, **_context) -> list[dict]:
    """The task findings of a report, as field values of ingestion's Finding."""
    heads = _headings(text)
    year = date.year + (1 if date and date.month == 12 else 0) if date else None
    out = []
    for i, (_h_start, h_end, number, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        for sentence, positions in _sentences(text, h_end, end):
            for c_start, c_end, part in _clauses(sentence, positions):
                month, deadline_text = _deadline_month(part)
                value, unit, wording = _quantity(part)
                if not (deadline_text or wording) or not _PROMISE.search(part):
                    continue
                out.append({"kind": "task", "start": c_start, "end": c_end, "text": part[:300],
                            "indicator_phrase": f"{number} {title}"[:200], "wording": wording[:200],
                            "year": year, "month": month, "value": value, "unit": unit})
    return out


def section_of(finding) -> tuple[int, str]:
    number, _sep, title = (finding.indicator_phrase or "").partition(" ")
    return (int(number), title) if number.isdigit() else (0, finding.indicator_phrase)


def deadline_of(finding) -> date:
    year, month = finding.year, finding.month or 12
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def task_from_finding(user, finding, reason: str):
    """Accepting a task finding: the plan of the document's district and year (named after the document),
    its section, and the task in its own words with its deadline; the lead unit is the finding's
    organisation, which the reviewer sets to one of the district's units."""
    from luoshi.core.workflow import Refused
    from luoshi.organisations.models import UNIT_KINDS
    from luoshi.workplan import services
    from luoshi.workplan.models import MeasureKind

    document = finding.document
    district = document.organisation.district or document.organisation
    unit = finding.organisation
    reasons = []
    if unit is None or unit.kind not in UNIT_KINDS:
        reasons.append(_("采纳前请先把“单位”改为牵头单位(%(o)s的局委办、镇办或平台公司)") % {"o": district})
    if not finding.year:
        reasons.append(_("采纳前请先补充：年度"))
    if reasons:
        raise Refused(reasons)
    plan = services.create_plan(user, organisation=district, year=finding.year, title=document.title[:200],
                                source=document.title)
    number, title = section_of(finding)
    section = services.add_section(user, plan, number=number, title=title) if number else None
    existing = plan.tasks.filter(title=finding.text, section=section).first()
    if existing is not None:
        return existing
    own = finding.wording and finding.unit
    return services.create_task(user, plan, services.TaskInput(
        title=finding.text, lead_unit=unit, deadline=deadline_of(finding), section=section,
        measure_kind=MeasureKind.OWN if own else MeasureKind.NONE, measure_wording=finding.wording if own else "",
        source=finding.source_label()))
