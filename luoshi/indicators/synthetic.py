"""Synthetic monthly series around the real seed figures (合成数据), so the demo district is alive.

Everything written here is marked `is_synthetic=True` with source "合成". The series are anchored on the
real figures (they pass exactly through every seed value) and respect what the seeds claim:
惠济区 GDP growth ranks first of the six districts in 2024 Q1–Q3 ("连续3个季度累计增速居6区第一") and
经开区's 2023 GDP growth is the highest of the five years 2019–2023 ("增速近五年最高").
Run by `python -m luoshi generate-synthetic [--seed N]`; it only adds rows that are missing.
"""
import random
from dataclasses import dataclass
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from luoshi.core.demo import GENERATED
from luoshi.core.periods import Period
from luoshi.indicators.models import Actual, Commitment, Comparator, Indicator, Target, TargetKind
from luoshi.organisations.models import DISTRICT_KINDS, Organisation, OrgKind

SOURCE = GENERATED
FIRST_YEAR = 2019
CORE = ["gdp", "industrial_va", "fixed_investment", "industrial_investment", "retail_sales", "budget_revenue",
        "foreign_investment", "resident_income"]
UNIT_INDICATORS = ["fixed_investment", "retail_sales", "budget_revenue"]
# Annual level in 2023 for a district of scale 1.0, and the usual range of annual growth (%).
BASE_2023 = {
    "gdp": (400, (4.0, 8.5)), "industrial_va": (150, (5.0, 12.0)), "fixed_investment": (180, (2.0, 10.0)),
    "industrial_investment": (50, (5.0, 20.0)), "retail_sales": (200, (3.0, 8.0)),
    "budget_revenue": (30, (0.5, 6.0)), "foreign_investment": (3000, (-5.0, 10.0)),
    "resident_income": (42000, (4.0, 7.0)), "vehicle_output": (500000, (3.0, 15.0)),
    "vehicle_export": (150000, (10.0, 60.0)), "china_europe_trains": (1500, (5.0, 25.0)),
    "land_reserve": (1000, (-10.0, 15.0)), "land_supply": (2500, (-20.0, 20.0)),
    "resettlement_housing": (200, (-10.0, 20.0)), "new_high_tech": (35, (-5.0, 20.0)),
    "new_specialised": (10, (-5.0, 20.0)), "new_tech_sme": (150, (0.0, 20.0)),
    "new_four_above": (180, (-5.0, 15.0)), "new_urban_jobs": (18000, (0.0, 8.0)),
    "tech_contracts": (70, (5.0, 25.0)), "new_above_scale_industrial": (40, (0.0, 15.0)),
    "rd_coverage": (65, (1.0, 4.0)),
}
COUNTED = {"个", "家", "人", "辆", "班", "亩"}
SCALE = {"经开区": 3.0, "惠济区": 0.75, "中原区": 1.6, "郑东新区": 3.3, "荥阳市": 2.2, "上街区": 0.5}


@dataclass(frozen=True)
class Claim:
    """Something the seeds say about ranks or records, which synthetic figures must not contradict."""

    district: str
    indicator: str
    year: int
    months: tuple[int, ...] = ()
    kind: str = "first_among_peers"


CLAIMS = [
    Claim("惠济区", "gdp", 2024, (3, 6, 9), "first_among_peers"),
    Claim("经开区", "gdp", 2023, (), "highest_in_five_years"),
]


def _share(month: int) -> float:
    """Share of the annual total accumulated by the end of `month` (slightly back-loaded)."""
    return (month / 12) ** 1.08


def _d(x: float, places: int = 2) -> Decimal:
    return Decimal(f"{x:.{places}f}")


class Generator:
    def __init__(self, seed: int = 20231231, last: Period | None = None):
        self.rng = random.Random(seed)
        self.last = last or Period.current().previous(1)
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.existing = set(Actual.objects.values_list("organisation_id", "indicator_id", "year", "month"))
        self.real = {}
        for a in Actual.objects.filter(is_synthetic=False):
            self.real[(a.organisation_id, a.indicator_id, a.year, a.month)] = a
        self.new_actuals: list[Actual] = []
        self.growth: dict[tuple, float] = {}
        self.annual_growth: dict[tuple, float] = {}

    def periods(self, indicator):
        months = (3, 6, 9, 12) if indicator.quarterly else range(1, 13)
        for year in range(FIRST_YEAR, self.last.year + 1):
            for m in months:
                if Period(year, m) <= self.last:
                    yield year, m

    def series(self, org, indicator, scale: float, growth_caps: dict[int, float] | None = None):
        base, (lo, hi) = BASE_2023[indicator.code]
        years = range(FIRST_YEAR, self.last.year + 1)
        real = {(y, m): a for (o, i, y, m), a in self.real.items() if o == org.pk and i == indicator.pk}
        g = {y: self.rng.uniform(lo, min(hi, (growth_caps or {}).get(y, hi))) for y in years}
        for (y, _m), a in real.items():
            if a.growth_pct is not None and y in g:
                g[y] = float(a.growth_pct)
        level, anchor = base * scale, 2023
        anchors = sorted(((y, m), a) for (y, m), a in real.items() if a.value is not None and y in g)
        if anchors:
            (anchor, m), a = anchors[-1]
            level = float(a.value) / (_share(m) if indicator.cumulative else 1)
        annual = {anchor: level}
        for y in range(anchor + 1, years.stop):
            annual[y] = annual[y - 1] * (1 + g[y] / 100)
        for y in range(anchor - 1, FIRST_YEAR - 1, -1):
            annual[y] = annual[y + 1] / (1 + g[y + 1] / 100)
        places = 0 if indicator.unit in COUNTED or base >= 10000 else 2
        for year in years:
            self.annual_growth[(org.pk, indicator.pk, year)] = g[year]
        previous = None
        for year, month in self.periods(indicator):
            if previous and previous[0] != year:
                previous = None
            key = (org.pk, indicator.pk, year, month)
            growth = g[year] + self.rng.uniform(-1.5, 1.5) * (12 - month) / 12
            if indicator.cumulative:
                value = annual[year] * _share(month) * (1 + self.rng.uniform(-0.004, 0.004))
                if previous is not None:
                    value = max(value, previous[1])
            else:
                value = annual[year] * (1 + self.rng.uniform(-0.01, 0.01))
            self.growth[key] = growth
            if key in self.real:
                real_value = self.real[key].value
                previous = (year, float(real_value) if real_value is not None else value)
                continue
            previous = (year, value)
            if key not in self.existing:
                self.new_actuals.append(Actual(
                    organisation=org, indicator=indicator, year=year, month=month, value=_d(value, places),
                    growth_pct=_d(growth, 1), source=SOURCE, is_synthetic=True,
                    note="合成数据"))

    def apply_claims(self, districts):
        by_name = {d.short_name: d for d in districts}
        for claim in CLAIMS:
            org, ind = by_name.get(claim.district), self.indicators.get(claim.indicator)
            if org is None or ind is None or claim.kind != "first_among_peers":
                continue
            for month in claim.months:
                key = (org.pk, ind.pk, claim.year, month)
                leader = float(self.real[key].growth_pct) if key in self.real and self.real[key].growth_pct \
                    is not None else self.growth.get(key)
                if leader is None:
                    continue
                for a in self.new_actuals:
                    if a.indicator_id == ind.pk and a.year == claim.year and a.month == month:
                        if a.organisation_id == org.pk:
                            a.growth_pct = _d(max(leader, 6.0 + (9 - month) / 30), 1)
                            leader = float(a.growth_pct)
                for a in self.new_actuals:
                    if a.indicator_id == ind.pk and a.year == claim.year and a.month == month \
                            and a.organisation_id != org.pk and float(a.growth_pct) >= leader:
                        a.growth_pct = _d(leader - self.rng.uniform(0.3, 1.5), 1)

    def targets(self, orgs_codes) -> list[Target]:
        existing = set(Target.objects.values_list("organisation_id", "indicator_id", "year"))
        out = []
        for org, codes in orgs_codes:
            for code in codes:
                ind = self.indicators[code]
                for year in range(2023, self.last.year + 1):
                    if (org.pk, ind.pk, year) in existing:
                        continue
                    annual = self.annual_growth.get((org.pk, ind.pk, year))
                    if annual is None:
                        continue
                    value = round((annual + self.rng.uniform(-1.0, 1.0)) * 2) / 2
                    about = self.rng.random() < 0.5
                    wording = f"增长{_d(value, 1).normalize():f}%{'左右' if about else '以上'}"
                    out.append(Target(organisation=org, indicator=ind, year=year, wording=wording,
                                      kind=TargetKind.GROWTH,
                                      comparator=Comparator.ABOUT if about else Comparator.AT_LEAST,
                                      commitment=Commitment.NORMAL, value=_d(value, 1), source=SOURCE,
                                      is_synthetic=True))
        return out


def generate(seed: int = 20231231, last: Period | None = None, progress=None) -> dict:
    """Add the missing synthetic actuals and targets for every district and town of the demo city."""
    gen = Generator(seed, last)
    districts = list(Organisation.objects.filter(kind__in=DISTRICT_KINDS).order_by("pk"))
    real_codes = {}
    for o, i, _y, _m in gen.real:
        real_codes.setdefault(o, set()).add(i)
    for o, i in Target.objects.filter(is_synthetic=False).values_list("organisation_id", "indicator_id"):
        real_codes.setdefault(o, set()).add(i)
    by_pk = {i.pk: c for c, i in gen.indicators.items()}
    plan = []
    for d in districts:
        extra = [by_pk[i] for i in real_codes.get(d.pk, ()) if by_pk[i] not in CORE and by_pk[i] in BASE_2023]
        plan.append((d, CORE + sorted(extra), SCALE.get(d.short_name, 1.0)))
    for town in Organisation.objects.filter(kind=OrgKind.TOWN).order_by("pk"):
        plan.append((town, UNIT_INDICATORS, 0.08))
    five_year_caps = {}
    for claim in CLAIMS:
        if claim.kind == "highest_in_five_years":
            five_year_caps[(claim.district, claim.indicator)] = {y: 7.8 for y in range(claim.year - 4, claim.year)}
    for n, (org, codes, scale) in enumerate(plan, start=1):
        for code in codes:
            if code in gen.indicators:
                gen.series(org, gen.indicators[code], scale, five_year_caps.get((org.short_name, code)))
        if progress:
            progress(n, len(plan))
    gen.apply_claims(districts)
    targets = gen.targets([(org, [c for c in codes if c in CORE or org.kind == OrgKind.TOWN])
                           for org, codes, _s in plan])
    bulk_create_with_history(gen.new_actuals, Actual, batch_size=2000, default_change_reason="合成数据生成")
    bulk_create_with_history(targets, Target, batch_size=2000, default_change_reason="合成数据生成")
    return {"actuals": len(gen.new_actuals), "targets": len(targets)}
