"""Reads of the indicator ledger for pages, the API, exports and the benchmark.

Each function takes organisations already scoped by the caller (via `for_user`) and works in a fixed,
small number of queries whatever the number of indicators or months.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.params import filter_id
from luoshi.core.periods import Period, latest_reportable, month_label, opening_year
from luoshi.core.status import Status, colour
from luoshi.indicators.models import Actual, Frequency, Indicator, Target
from luoshi.indicators.ranking import Standing, rank_rows, ranking, standing
from luoshi.indicators.status import StatusResult, target_status
from luoshi.organisations.models import DISTRICT_KINDS
from luoshi.organisations.selectors import PERSON_RELATED


@dataclass
class OverviewRow:
    indicator: Indicator
    target: Target | None
    latest: Actual | None
    status: StatusResult
    rank: int | None = None
    peers: int = 0
    trend: list = field(default_factory=list)

    def colour(self, palette_name: str | None) -> str:
        """The row's status colour in the viewer's palette (organisations.tuning.palette_name)."""
        return colour(self.status.status, palette_name)


def years_with_data(organisation) -> list[int]:
    """Years for which the organisation has targets or actuals, newest first."""
    years = set(Target.objects.filter(organisation=organisation).values_list("year", flat=True))
    years |= set(Actual.objects.filter(organisation=organisation).values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def default_year(organisation) -> int:
    """The current year if it has figures, else the latest year that has (`periods.opening_year`)."""
    return opening_year(years_with_data(organisation))


def overview(organisation, year: int) -> list[OverviewRow]:
    """Each active indicator with a target or an actual this year: target, latest cumulative figure,
    status in words, rank among sibling districts and the year's trend. Four queries."""
    indicators = {i.pk: i for i in Indicator.objects.filter(is_active=True)}
    targets = {t.indicator_id: t for t in Target.objects.filter(organisation=organisation, year=year)}
    series: dict[int, list[Actual]] = {}
    for a in Actual.objects.filter(organisation=organisation, year=year).defer("updated_at").order_by("month"):
        series.setdefault(a.indicator_id, []).append(a)
    rows = []
    for pk, ind in indicators.items():
        if pk not in targets and pk not in series:
            continue
        points = series.get(pk, [])
        latest = points[-1] if points else None
        for record in (latest, targets.get(pk)):
            if record is not None:
                record.indicator = ind  # already loaded: pages and the API read it without a query per row
        rows.append(OverviewRow(ind, targets.get(pk), latest, target_status(targets.get(pk), latest, ind),
                                trend=[(a.month, a.value, a.growth_pct) for a in points]))
    if organisation.kind in DISTRICT_KINDS:
        _attach_ranks(organisation, year, rows)
    return rows


def _attach_ranks(organisation, year, rows: list[OverviewRow]) -> None:
    wanted = {(r.indicator.pk, r.latest.month) for r in rows if r.latest and r.latest.growth_pct is not None}
    if not wanted:
        return
    # One indexed query over the few months concerned (usually one or two), trimmed to `wanted` here:
    # far cheaper than an OR of one condition per indicator.
    peers = Actual.objects.filter(
        indicator_id__in={i for i, _m in wanted}, month__in={m for _i, m in wanted}, year=year,
        organisation__parent_id=organisation.parent_id, organisation__kind__in=DISTRICT_KINDS,
        growth_pct__isnull=False).values_list("indicator_id", "month", "organisation_id", "growth_pct")
    grouped: dict[tuple, list] = {}
    for ind_pk, month, org_pk, growth in peers:
        if (ind_pk, month) not in wanted:
            continue
        grouped.setdefault((ind_pk, month), []).append((org_pk, "", growth, None))
    for row in rows:
        if row.latest is None or row.latest.growth_pct is None:
            continue
        ranked = rank_rows(grouped.get((row.indicator.pk, row.latest.month), []))
        row.peers = len(ranked)
        row.rank = next((r.rank for r in ranked if r.organisation_id == organisation.pk), None)


@dataclass
class IndicatorDetail:
    indicator: Indicator
    year: int
    target: Target | None
    targets: list[Target]
    actuals: list[Actual]
    latest: Actual | None
    status: StatusResult
    standing: Standing | None
    peers: list
    previous_year: list[Actual]
    withdrawn: list[Actual] = field(default_factory=list)


def indicator_detail(organisation, indicator, year: int) -> IndicatorDetail:
    targets = list(Target.objects.filter(organisation=organisation, indicator=indicator).order_by("-year"))
    target = next((t for t in targets if t.year == year), None)
    actuals = list(Actual.objects.filter(organisation=organisation, indicator=indicator, year__in=(year, year - 1))
                   .order_by("year", "month"))
    this_year = [a for a in actuals if a.year == year]
    latest = this_year[-1] if this_year else None
    peer_rows, place = [], None
    if organisation.kind in DISTRICT_KINDS and latest is not None and latest.growth_pct is not None:
        period = Period(latest.year, latest.month)
        peer_rows = ranking(organisation.parent_id, indicator.pk, period)
        place = standing(organisation, indicator, period)
    withdrawn = list(Actual.all_objects.filter(organisation=organisation, indicator=indicator, year=year,
                                               withdrawn_at__isnull=False)
                     .select_related(*[f"withdrawn_by__{r}" for r in PERSON_RELATED]).order_by("month", "withdrawn_at"))
    return IndicatorDetail(indicator, year, target, targets, this_year, latest,
                           target_status(target, latest, indicator), place, peer_rows,
                           [a for a in actuals if a.year == year - 1], withdrawn)


_AUDITED = {
    "actual": ["value", "growth_pct", "note", "source", "withdrawn_reason"],
    "target": ["wording", "kind", "comparator", "commitment", "value", "stretch_value", "source"],
}


def audit_trail(organisation, indicator, year: int | None = None, limit: int = 200) -> list[audit.AuditEntry]:
    """Every change to this organisation's targets and actuals of one indicator (of one year if given):
    who, when, old → new, and why, newest first."""
    found = []
    for kind, model in (("target", Target), ("actual", Actual)):
        records = model.history.filter(organisation_id=organisation.pk, indicator_id=indicator.pk)
        if year is not None:
            records = records.filter(year=year)
        found += audit.entries(model, records, _AUDITED[kind], kind,
                               lambda rec, kind=kind: (month_label(rec.year, rec.month)
                                                       if kind == "actual" else _("%(y)d年") % {"y": rec.year}))
    return audit.newest_first(found, limit)


def latest_period(indicator, city) -> Period | None:
    """The latest period for which any district of the city reported growth of this indicator."""
    row = Actual.objects.filter(indicator=indicator, organisation__parent=city, organisation__kind__in=DISTRICT_KINDS,
                                growth_pct__isnull=False) \
        .order_by("-year", "-month").values_list("year", "month").first()
    return Period(*row) if row else None


def find_indicator(text) -> Indicator | None:
    """An indicator as people and clients name it: its id, code, name or an alias (社消零)."""
    text = str(text).strip()
    if text.isdigit():
        pk = filter_id(text)
        return Indicator.objects.filter(pk=pk).first() if pk else None
    found = Indicator.objects.filter(code=text).first() or Indicator.objects.filter(name=text).first()
    if found is None:
        found = next((i for i in Indicator.objects.filter(aliases__contains=text) if text in i.alias_list()), None)
    return found


def linked_figures(target, actual, indicator) -> StatusResult:
    """Status of the targets that need figures beyond their own actual (one or two queries, only for
    these kinds): a relative target reads the linked indicator's growth, a share target its value, a
    multi-year total the earlier years' year-end values."""
    from luoshi.indicators.models import TargetKind
    from luoshi.indicators.status import relative_status, share_status, total_status

    linked = target.linked_indicator if target.linked_indicator_id else None
    if target.kind == TargetKind.TOTAL:
        if actual is None:
            return total_status(target, None, indicator.unit)
        earlier = Actual.objects.filter(organisation_id=target.organisation_id, indicator=indicator,
                                        year__lt=actual.year, month=12, value__isnull=False)
        total = sum((v for v in earlier.values_list("value", flat=True)), actual.value or 0)
        return total_status(target, total if actual.value is not None or earlier.exists() else None, indicator.unit)
    if linked is None:
        return StatusResult(Status.NO_DATA, _("目标“%(w)s”未设定关联指标") % {"w": target.wording})
    other = None
    if actual is not None:
        other = Actual.objects.filter(organisation_id=target.organisation_id, indicator=linked, year=actual.year,
                                      month__lte=actual.month).order_by("-month").first()
    if target.kind == TargetKind.RELATIVE:
        return relative_status(target, actual.growth_pct if actual else None,
                               other.growth_pct if other else None, linked.name)
    same_month = other if other is not None and other.month == actual.month else None
    return share_status(target, actual.value if actual else None, same_month.value if same_month else None,
                        linked.name)


# --- for other apps (dashboard, work plan, investment): a target's status read through the ledger -------


def standing_of(organisation, indicator, period: Period) -> Standing:
    """A district's rank among its city's districts at `period`, with its streak at first and the words a
    report writes (the briefing's ranking clause)."""
    return standing(organisation, indicator, period)


def city_table(city, year: int, user, codes: list[str] | None = None):
    """The city's districts the user may see against the indicators of `year` (the one screen's matrix)."""
    from luoshi.indicators.city import city_matrix

    return city_matrix(city, year, user, codes)


def latest_status(target) -> StatusResult:
    """The status of `target` by the latest actual of its year: where another app's measure linked to it
    stands (a work plan task measured by it)."""
    return latest_statuses([target])[target.pk]


def latest_statuses(targets) -> dict[int, StatusResult]:
    """`latest_status` of many targets by id, their years' actuals read in one query (a work plan page
    judges every task linked to a target; one query each was a query per linked row)."""
    from django.db.models import Q

    targets = list(targets)
    keys = {(t.organisation_id, t.indicator_id, t.year) for t in targets}
    latest: dict[tuple, Actual] = {}
    if keys:
        wanted = Q()
        for organisation_id, indicator_id, year in keys:
            wanted |= Q(organisation_id=organisation_id, indicator_id=indicator_id, year=year)
        for actual in Actual.objects.filter(wanted).order_by("month"):  # the year's last month wins
            latest[(actual.organisation_id, actual.indicator_id, actual.year)] = actual
    return {t.pk: target_status(t, latest.get((t.organisation_id, t.indicator_id, t.year))) for t in targets}


def completion_status(target, achieved, period: Period, unit: str) -> StatusResult:
    """Another app's cumulative target (investment's 招商 targets) judged as the ledger judges an absolute
    one: completion against the share of the year elapsed at `period`."""
    from luoshi.indicators.status import absolute_status

    return absolute_status(target, achieved, period, True, unit)


# --- for other apps (accountability's letters): the ledger read through its selectors ------------------

def active_indicators():
    return Indicator.objects.filter(is_active=True)


def every_indicator_by_code() -> dict[str | None, Indicator]:
    """Every indicator, inactive ones too, by code (a report's findings name them by code)."""
    return {i.code: i for i in Indicator.objects.all()}


def actual_at(organisation, indicator, year: int, month: int) -> Actual | None:
    """The organisation's actual of exactly that month, if any."""
    return Actual.objects.filter(organisation=organisation, indicator=indicator, year=year, month=month).first()


def indicators_by_code(codes):
    return Indicator.objects.filter(code__in=codes)


def target_of(organisation, indicator, year: int) -> Target | None:
    return Target.objects.filter(organisation=organisation, indicator=indicator, year=year).first()


def targets_of(organisation, years) -> list[Target]:
    """The organisation's targets of `years`, for other apps' choices already limited to one district."""
    return list(Target.objects.filter(organisation=organisation, year__in=years).select_related("indicator")
                .order_by("-year", "indicator__sort_order", "indicator_id", "pk"))


def latest_actual(organisation, indicator, year: int, month: int) -> Actual | None:
    """The organisation's last figure of the year up to `month`."""
    return Actual.objects.filter(organisation=organisation, indicator=indicator, year=year, month__lte=month) \
        .order_by("-month").first()


def status_of(target, actual, indicator=None) -> StatusResult:
    """The status of `target` given the latest `actual` of its year (or None), with the reason in words;
    relative, share and total targets read their linked figures (one or two queries)."""
    return target_status(target, actual, indicator)


def is_growth(target) -> bool:
    from luoshi.indicators.models import TargetKind

    return target.kind == TargetKind.GROWTH
def _catalogue_order(indicators: dict):
    return lambda pair: (pair[0], indicators[pair[1]].sort_order, pair[1])


def next_targets(organisations) -> list[tuple]:
    """For a pre-filled template: this year's targets not yet set for the (unit, indicator) pairs that had
    one last year, as (organisation_id, indicator, year) in catalogue order."""
    year = latest_reportable().year
    indicators = {i.pk: i for i in Indicator.objects.filter(is_active=True)}
    rows = Target.objects.filter(organisation__in=organisations, year__in=[year - 1, year]).values_list(
        "organisation_id", "indicator_id", "year")
    set_now = {(o, i) for o, i, y in rows if y == year}
    pairs = {(o, i) for o, i, y in rows if y == year - 1 and i in indicators} - set_now
    return [(o, indicators[i], year) for o, i in sorted(pairs, key=_catalogue_order(indicators))]


def next_actuals(organisations) -> list[tuple]:
    """For a pre-filled template: the newest reportable month's actuals not yet reported for the pairs
    reported in the twelve months before it, as (organisation_id, indicator, year, month)."""
    period = latest_reportable()
    since = period.previous(12)
    indicators = {i.pk: i for i in Indicator.objects.filter(is_active=True)}
    reported: dict[tuple, set] = {}
    for o, i, y, m in Actual.objects.filter(organisation__in=organisations, year__gte=since.year).values_list(
            "organisation_id", "indicator_id", "year", "month"):
        if since <= Period(y, m) <= period:
            reported.setdefault((o, i), set()).add(Period(y, m))
    pairs = [(o, i) for (o, i), periods in reported.items()
             if period not in periods and i in indicators
             and (not indicators[i].quarterly or period.is_quarter_end)]
    return [(o, indicators[i], period.year, period.month) for o, i in sorted(pairs, key=_catalogue_order(indicators))]


# --- for the dashboard's briefing: the ledger's rows it writes its sentences from -----------------------

def latest_reported_period(organisation) -> Period | None:
    """The organisation's newest month with any figure: the briefing's period when none is asked for."""
    row = Actual.objects.filter(organisation=organisation).order_by("-year", "-month") \
        .values_list("year", "month").first()
    return Period(*row) if row else None


def period_figures(organisation, period: Period) -> list[Actual]:
    """The period's figures, and for quarterly indicators (地区生产总值) not reported this month the latest
    quarter of the same year before it: 1—11月 shows 前三季度's GDP, said with its own period."""
    actuals = {a.indicator_id: a for a in Actual.objects.filter(
        organisation=organisation, year=period.year, month=period.month).select_related("indicator")}
    for a in Actual.objects.filter(organisation=organisation, year=period.year, month__lt=period.month,
                                   month__in=(3, 6, 9), indicator__frequency=Frequency.QUARTERLY) \
            .exclude(indicator_id__in=list(actuals)).select_related("indicator").order_by("month"):
        actuals[a.indicator_id] = a  # the later quarter wins
    return sorted(actuals.values(), key=lambda a: (a.month != period.month, a.indicator.sort_order, a.indicator_id))


def growth_history(organisation, actuals: list[Actual], since_year: int) -> dict[int, dict[int, Decimal]]:
    """Each figure's growth in the same month of the years from `since_year` up to (not including) its own
    year, by indicator id then year: what "增速近五年最高" is compared with."""
    months = {a.indicator_id: a.month for a in actuals}
    years = {a.indicator_id: a.year for a in actuals}
    history: dict[int, dict[int, Decimal]] = {}
    for ind_id, month, year, growth in Actual.objects.filter(
            organisation=organisation, indicator_id__in=list(months), month__in=set(months.values()),
            growth_pct__isnull=False, year__gte=since_year, year__lt=max(years.values(), default=since_year)) \
            .values_list("indicator_id", "month", "year", "growth_pct"):
        if months[ind_id] == month and year < years[ind_id]:
            history.setdefault(ind_id, {})[year] = growth
    return history


def city_values(city_id, indicator_ids, year: int) -> dict[tuple[int, int], Decimal]:
    """The city's values of the year by (indicator id, month): the whole a district's "占全市" share is of."""
    return {(i, m): v for i, m, v in Actual.objects.filter(
        organisation_id=city_id, indicator_id__in=list(indicator_ids), year=year,
        value__isnull=False).values_list("indicator_id", "month", "value")}


def targets_by_indicator(organisation, year: int, indicator_ids=None) -> dict[int, Target]:
    """The organisation's targets of the year by indicator id (all indicators, or only `indicator_ids`)."""
    targets = Target.objects.filter(organisation=organisation, year=year)
    if indicator_ids is not None:
        targets = targets.filter(indicator_id__in=list(indicator_ids))
    return {t.indicator_id: t for t in targets}
