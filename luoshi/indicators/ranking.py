"""Ranking among sibling districts (区间排位) by cumulative growth, and streaks such as
"连续3个季度累计增速居6区第一" derived from the data, never typed."""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from luoshi.core.compiled import CompiledQuery
from luoshi.core.periods import Period
from luoshi.core.units import numeral
from luoshi.indicators.models import Actual
from luoshi.organisations.models import DISTRICT_KINDS, Organisation


@dataclass(frozen=True)
class RankRow:
    organisation_id: int
    name: str
    growth_pct: Decimal
    value: Decimal | None
    rank: int


def peers_of(organisation: Organisation):
    """The districts ranked together: all districts/zones under the same city."""
    return Organisation.objects.filter(parent_id=organisation.parent_id, kind__in=DISTRICT_KINDS)


def rank_rows(rows: list[tuple[int, str, Decimal, Decimal | None]]) -> list[RankRow]:
    """Competition ranking by growth, highest first; ties share a rank (1, 2, 2, 4)."""
    ordered = sorted((r for r in rows if r[2] is not None), key=lambda r: (-r[2], r[1]))
    out, rank = [], 0
    for i, (org_id, name, growth, value) in enumerate(ordered):
        if i == 0 or growth != ordered[i - 1][2]:
            rank = i + 1
        out.append(RankRow(org_id, name, growth, value, rank))
    return out


def _ranking_rows(parent_id: int, year: int, month: int, **indicator):
    return Actual.objects.filter(
        organisation__parent_id=parent_id, organisation__kind__in=DISTRICT_KINDS,
        year=year, month=month, growth_pct__isnull=False, **indicator,
    ).values_list("organisation_id", "organisation__short_name", "growth_pct", "value")


def _rows_of_indicator(parent_id: int, indicator_id: int, year: int, month: int):
    return _ranking_rows(parent_id, year, month, indicator_id=indicator_id)


def _rows_of_code(parent_id: int, code: str, year: int, month: int):
    return _ranking_rows(parent_id, year, month, indicator__code=code)


# Compiled once per database: their compilation was two thirds of the ranking's time (luoshi.core.compiled).
_RANKING = CompiledQuery(_rows_of_indicator, int, int, int, int)
_RANKING_OF_CODE = CompiledQuery(_rows_of_code, int, str, int, int)


def ranking(parent_id: int, indicator_id: int, period: Period) -> list[RankRow]:
    """Sibling districts of one city ranked by cumulative growth at one period (`_ranking_rows`)."""
    return rank_rows(_RANKING.rows(parent_id, indicator_id, period.year, period.month))


def ranking_of_code(parent_id: int, code: str, period: Period) -> list[RankRow]:
    """The same ranking for the indicator of this code, in one query: no lookup of the indicator first."""
    return rank_rows(_RANKING_OF_CODE.rows(parent_id, code, period.year, period.month))


@dataclass(frozen=True)
class Standing:
    rank: int | None
    peers: int
    streak: int
    step_months: int
    sentence: str


def standing(organisation: Organisation, indicator, period: Period, max_periods: int = 24) -> Standing:
    """Rank at `period`, and for how many consecutive periods (quarters for quarterly indicators) the
    district has been first, with the sentence a report would write."""
    step = 3 if indicator.quarterly else 1
    first = period.previous(step * (max_periods - 1))
    actuals = Actual.objects.filter(
        organisation__parent_id=organisation.parent_id, organisation__kind__in=DISTRICT_KINDS,
        indicator_id=indicator.pk, growth_pct__isnull=False,
        year__gte=first.year, year__lte=period.year,
    ).values_list("year", "month", "organisation_id", "organisation__short_name", "growth_pct", "value")
    by_period: dict[Period, list] = {}
    for year, month, org_id, name, growth, value in actuals:
        by_period.setdefault(Period(year, month), []).append((org_id, name, growth, value))
    current = rank_rows(by_period.get(period, []))
    mine = next((r for r in current if r.organisation_id == organisation.pk), None)
    if mine is None:
        return Standing(None, len(current), 0, step, "")
    streak, p = 0, period
    while p >= first:
        row = next((r for r in rank_rows(by_period.get(p, [])) if r.organisation_id == organisation.pk), None)
        if row is None or row.rank != 1:
            break
        streak += 1
        p = p.previous(step)
    return Standing(mine.rank, len(current), streak, step, standing_sentence(mine.rank, len(current), streak, step))


def standing_sentence(rank: int, peers: int, streak: int, step_months: int) -> str:
    ordinal = numeral(rank)
    if rank == 1 and streak >= 2:
        if step_months == 3:
            return _("连续%(n)d个季度累计增速居%(p)d区第一") % {"n": streak, "p": peers}
        return _("连续%(n)d个月累计增速居%(p)d区第一") % {"n": streak, "p": peers}
    return _("累计增速居%(p)d区第%(r)s") % {"p": peers, "r": ordinal}
