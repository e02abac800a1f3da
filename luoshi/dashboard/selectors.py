"""Reads for the briefing pages and files: the composed briefing plus its table and chart data."""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from luoshi.core.apitools import decimal_text
from luoshi.core.periods import Period
from luoshi.core.targets import TargetKind
from luoshi.core.units import fmt
from luoshi.dashboard.briefing import Briefing, compose
from luoshi.indicators.selectors import status_of, targets_by_indicator


@dataclass
class BriefingRow:
    indicator: str
    value: str
    growth: str
    target: str
    status: str


def issuing_office(organisation) -> str:
    """The office the briefing is issued by: LUOSHI["BRIEFING_OFFICES"][district name], else its 发改委."""
    from django.conf import settings

    return (settings.LUOSHI.get("BRIEFING_OFFICES") or {}).get(organisation.name) or \
        _("%(o)s发展和改革委员会") % {"o": organisation.name}


def briefing_view(organisation, period: Period | None = None, user=None) -> dict:
    """Everything a briefing shows, in the page, the PDF and the Word file alike."""
    briefing: Briefing = compose(organisation, period, user)
    targets = targets_by_indicator(organisation, briefing.period.year)
    rows, chart_rows = [], []
    for s in briefing.sentences:
        ind, actual, target = s.indicator, s.actual, targets.get(s.indicator.pk)
        status = status_of(target, actual, ind)
        rows.append(BriefingRow(ind.name, fmt(actual.value, ind.unit) if actual.value is not None else "—",
                                fmt(actual.growth_pct, "%") if actual.growth_pct is not None else "—",
                                target.wording if target else "—", status.label if target else "—"))
        if actual.growth_pct is not None:
            growth_target = target.value if target and target.kind == TargetKind.GROWTH else None
            chart_rows.append({"name": ind.name, "growth": decimal_text(actual.growth_pct),
                               "target": decimal_text(growth_target)})
    chart = {"rows": chart_rows, "height": 80 + 36 * len(chart_rows),
             "labels": {"growth": _("同比增长(%)"), "target": _("目标增速(%)")}}
    return {"briefing": briefing, "rows": rows, "chart": chart, "office": issuing_office(organisation)}
