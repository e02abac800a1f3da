"""The briefing (经济运行简报 / 成绩单) written from the ledger, in the style of the district reports:

    全年地区生产总值完成1328.4亿元，同比增长8.2%，增速近五年最高；规模以上工业增加值完成640.3亿元，
    同比增长12.9%，占全市1/4

Every figure, superlative ("近五年最高"), share ("占全市1/4", "占全市22%"), rank and streak ("连续3个季度
累计增速居6区第一") is computed from the ledger at the moment of writing, never typed: change the data
and the sentence changes. Each clause keeps the facts it was written from, so a test (or a sceptical
reader) can check it against the records.
"""
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeAlias

from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import prose
from luoshi.core.periods import Period
from luoshi.core.units import fmt, fmt_report, numeral
from luoshi.indicators import selectors as ledger
from luoshi.organisations.models import DISTRICT_KINDS

# A share this close (in points) to a simple fraction is written as the fraction: 占全市1/4.
FRACTIONS = [(Decimal(1) / n, f"1/{n}") for n in (2, 3, 4, 5)]
FRACTION_TOLERANCE = Decimal("0.005")
# Superlatives need at least this many years of the same period to compare (this year included).
MIN_YEARS_FOR_RECORD = 3
MAX_YEARS_FOR_RECORD = 5
# Ranks at or above this are worth a clause ("居6区第二"); lower ranks are left to the table.
RANK_WORTH_SAYING = 3
# The ledger's rows, read through indicators.selectors only (the dashboard does not import its models).
Indicator: TypeAlias = Any
Actual: TypeAlias = Any
Target: TypeAlias = Any


@dataclass
class Clause:
    """One computed statement and the facts it rests on (for checking)."""

    text: str
    facts: dict = field(default_factory=dict)


@dataclass
class IndicatorSentence:
    indicator: Indicator
    actual: Actual
    clauses: list[Clause]

    @property
    def text(self) -> str:
        return prose.clauses(c.text for c in self.clauses)

    @property
    def period(self) -> Period:
        return Period(self.actual.year, self.actual.month)


@dataclass
class Briefing:
    organisation: object
    period: Period
    title: str
    headline: str
    sentences: list[IndicatorSentence]
    generated_at: object
    sections: list = field(default_factory=list)  # dashboard.sections.Section, after the ledger's paragraph

    @property
    def text(self) -> str:
        """The paragraph as a report prints it: each period once (a quarterly figure shown in 1—11月 keeps
        its own 前三季度), sentences joined by semicolons."""
        groups: dict[Period, list[str]] = {}
        for s in self.sentences:
            groups.setdefault(s.period, []).append(s.text)
        return prose.ending(prose.sentences(period_prefix(p) + prose.sentences(texts)
                                            for p, texts in groups.items()))


def period_prefix(period: Period) -> str:
    if period.month == 12:
        return _("全年")
    return {3: _("一季度"), 6: _("上半年"), 9: _("前三季度")}.get(period.month) or \
        _("1—%(m)d月") % {"m": period.month}


def _growth_words(growth: Decimal) -> str:
    if growth < 0:
        return _("同比下降%(g)s") % {"g": fmt(-growth, "%")}
    return _("同比增长%(g)s") % {"g": fmt(growth, "%")}


def _figure_clause(ind: Indicator, actual: Actual) -> Clause | None:
    facts = {"value": actual.value, "growth_pct": actual.growth_pct, "actual_id": actual.pk}
    if actual.value is not None and actual.growth_pct is not None:
        text = _("%(i)s完成%(v)s，%(g)s") % {"i": ind.name, "v": fmt_report(actual.value, ind.unit),
                                            "g": _growth_words(actual.growth_pct)}
    elif actual.value is not None:
        text = _("%(i)s完成%(v)s") % {"i": ind.name, "v": fmt_report(actual.value, ind.unit)}
    elif actual.growth_pct is not None:
        text = _("%(i)s%(g)s") % {"i": ind.name, "g": _growth_words(actual.growth_pct)}
    else:
        return None
    return Clause(text, facts)


def record_clause(actual: Actual, history: dict[int, Decimal]) -> Clause | None:
    """“增速近五年最高”: this period's growth above that of the same period in each earlier year compared."""
    if actual.growth_pct is None:
        return None
    years = [y for y in range(actual.year - MAX_YEARS_FOR_RECORD + 1, actual.year) if y in history]
    if len(years) + 1 < MIN_YEARS_FOR_RECORD or years != list(range(years[0], actual.year)):
        return None
    if not all(actual.growth_pct > history[y] for y in years):
        return None
    n = len(years) + 1
    return Clause(_("增速近%(n)s年最高") % {"n": numeral(n)},
                  {"compared": {y: history[y] for y in years}, "growth_pct": actual.growth_pct})


def share_clause(actual: Actual, whole: Decimal | None) -> Clause | None:
    """“占全市1/4” or “占全市22%”: the organisation's value against the city's for the same period."""
    if actual.value is None or not whole:
        return None
    share = actual.value / whole
    for fraction, words in FRACTIONS:
        if abs(share - fraction) <= FRACTION_TOLERANCE:
            return Clause(_("占全市%(s)s") % {"s": words}, {"share": share, "city_value": whole})
    pct = (share * 100).quantize(Decimal("0.1"))
    if pct < 1:
        return None
    return Clause(_("占全市%(s)s") % {"s": fmt(pct, "%")}, {"share": share, "city_value": whole})


def _rank_clause(org, ind: Indicator, actual: Actual) -> Clause | None:
    if org.kind not in DISTRICT_KINDS or actual.growth_pct is None:
        return None
    place = ledger.standing_of(org, ind, Period(actual.year, actual.month))
    if place.rank is None or place.rank > RANK_WORTH_SAYING or place.peers < 2:
        return None
    return Clause(place.sentence, {"rank": place.rank, "peers": place.peers, "streak": place.streak})


def _target_clause(target: Target | None, actual: Actual, ind: Indicator) -> Clause | None:
    """The overview's own verdict on the target (indicators.status), after the briefing's figure: the two
    pages cannot word the same comparison differently."""
    if target is None:
        return None
    result = ledger.status_of(target, actual, ind)
    if not result.verdict:
        return None
    return Clause(result.verdict, {"status": result.status, "target": target.wording, "gap_pp": result.gap_pp})


def indicator_sentence(org, ind: Indicator, actual: Actual, history: dict[int, Decimal],
                       city_value: Decimal | None, target: Target | None) -> IndicatorSentence | None:
    first = _figure_clause(ind, actual)
    if first is None:
        return None
    extra = [record_clause(actual, history), share_clause(actual, city_value), _rank_clause(org, ind, actual),
             _target_clause(target, actual, ind)]
    return IndicatorSentence(ind, actual, [first, *[c for c in extra if c is not None]])


def compose(organisation, period: Period | None = None, user=None) -> Briefing:
    """The briefing of one organisation for one period (default: its latest reported month); `user` scopes
    the other apps' sections (projects, investment, appeals), as the reader stands."""
    from luoshi.dashboard.sections import sections

    period = period or ledger.latest_reported_period(organisation) or Period.current()
    actuals = ledger.period_figures(organisation, period)
    codes = [a.indicator_id for a in actuals]
    history = ledger.growth_history(organisation, actuals, period.year - MAX_YEARS_FOR_RECORD + 1)
    city_values = ledger.city_values(organisation.city_id, codes, period.year) if organisation.city_id else {}
    targets = ledger.targets_by_indicator(organisation, period.year, codes)
    sentences = [s for a in actuals if (s := indicator_sentence(
        organisation, a.indicator, a, history.get(a.indicator_id, {}), city_values.get((a.indicator_id, a.month)),
        targets.get(a.indicator_id))) is not None]
    title = _("%(o)s%(p)s经济运行简报") % {"o": organisation, "p": period.label()}
    briefing = Briefing(organisation, period, title, _headline(sentences), sentences, timezone.now())
    briefing.sections = sections(briefing, targets, user)
    return briefing


def _headline(sentences: list[IndicatorSentence]) -> str:
    """The line above the paragraph: the strongest computed fact, if there is one."""
    for s in sentences:
        for c in s.clauses:
            if "compared" in c.facts:
                return _("%(i)s增速创%(n)s年新高") % {"i": s.indicator.name, "n": numeral(len(c.facts["compared"]) + 1)}
    for s in sentences:
        for c in s.clauses:
            if c.facts.get("rank") == 1:
                return _("%(i)s%(c)s") % {"i": s.indicator.name, "c": c.text}
    return ""
