"""The city sees its districts side by side (全市各区对比): a matrix of districts × indicators with each
district's cumulative growth, rank among the districts and status in words, and beside it the city's own
figures where it keeps them (the base of "占全市1/4" in briefings)."""
from dataclasses import dataclass, field

from django.urls import reverse

from luoshi.core.status import Status, colour
from luoshi.indicators import selectors as ledger
from luoshi.organisations.models import DISTRICT_KINDS, Organisation
from luoshi.organisations.tuning import palette_name


@dataclass
class Cell:
    growth: object = None
    value: object = None
    rank: int | None = None
    peers: int = 0
    status: str = Status.NO_DATA
    label: str = ""
    reason: str = ""
    colour: str = ""
    url: str = ""
    period: object = None


@dataclass
class MatrixRow:
    organisation: Organisation
    cells: list[Cell]
    url: str = ""

    @property
    def counts(self) -> dict:
        statuses = [c.status for c in self.cells if c.url]
        return {"met": statuses.count(Status.MET), "close": statuses.count(Status.CLOSE),
                "behind": statuses.count(Status.BEHIND), "total": len(statuses)}


@dataclass
class CityMatrix:
    city: Organisation
    year: int
    indicators: list = field(default_factory=list)
    rows: list[MatrixRow] = field(default_factory=list)
    city_row: MatrixRow | None = None

    @property
    def has_data(self) -> bool:
        return bool(self.indicators)


def _cell(org, r, year, shade: str | None) -> Cell:
    return Cell(growth=r.latest.growth_pct if r.latest else None, value=r.latest.value if r.latest else None,
                rank=r.rank, peers=r.peers, status=r.status.status, label=str(r.status.label), reason=r.status.reason,
                colour=r.colour(shade), url=reverse("indicators:detail",
                                                    args=[org.pk, r.indicator.pk]) + f"?year={year}",
                period=r.latest)


def city_matrix(city: Organisation, year: int, user, codes: list[str] | None = None) -> CityMatrix:
    """Every district of the city the user may see, on every active indicator any of them (or the city)
    has a target or figure for in `year` (or only `codes`, in that order)."""
    districts = list(Organisation.objects.for_user(user).filter(parent=city, kind__in=DISTRICT_KINDS).order_by("pk"))
    overviews = {d.pk: {r.indicator.pk: r for r in ledger.overview(d, year)} for d in districts}
    own = {r.indicator.pk: r for r in ledger.overview(city, year)}
    seen = {}
    for rows in [*overviews.values(), own]:
        for r in rows.values():
            seen.setdefault(r.indicator.pk, r.indicator)
    indicators = sorted(seen.values(), key=lambda i: (i.sort_order, i.pk))
    if codes is not None:
        by_code = {i.code: i for i in indicators}
        indicators = [by_code[c] for c in codes if c in by_code]
    shade = palette_name(user)  # the viewer's palette, as the page's legend
    empty = Cell(colour=colour(Status.NO_DATA, shade))
    matrix = CityMatrix(city, year, indicators)
    for d in districts:
        cells = [_cell(d, overviews[d.pk][i.pk], year, shade) if i.pk in overviews[d.pk] else empty for i in indicators]
        matrix.rows.append(MatrixRow(d, cells, reverse("indicators:overview", args=[d.pk]) + f"?year={year}"))
    if own:
        matrix.city_row = MatrixRow(city,
                                    [_cell(city, own[i.pk], year, shade) if i.pk in own else empty for i in indicators],
                                    reverse("indicators:overview", args=[city.pk]) + f"?year={year}")
    return matrix
