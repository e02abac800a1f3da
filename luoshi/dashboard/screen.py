"""一屏观全域: one screen per district (and one for the city) with every figure clicking through.

The indicator ledger is the spine of the screen; the other capabilities add panels through the registry
(`luoshi.core.registry.site.register_panel` in their `AppConfig.ready`: a selector of their own app that
returns a `Panel` for an organisation the user may see, or None), so the screen grows as they land
without reaching into their models.
"""
from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi.core.apitools import decimal_text
from luoshi.core.registry import Panel, site
from luoshi.core.status import Status, palette
from luoshi.core.targets import TargetKind
from luoshi.indicators import selectors as ledger
from luoshi.organisations.models import Organisation, OrgKind
from luoshi.organisations.tuning import palette_name

# The city screen compares its districts on these indicators.
CITY_INDICATORS = ["gdp", "industrial_va", "fixed_investment", "retail_sales", "budget_revenue"]


def status_list_url(organisation, year: int, status: str) -> str:
    """The list of an organisation's indicators in one status: where a count of that status clicks to."""
    return reverse("dashboard:indicators", args=[organisation.pk]) + f"?year={year}&status={status}"


def _panels(organisation, user) -> list[Panel]:
    return [p for provider in site.panels() if (p := provider(organisation, user)) is not None]


def district_screen(organisation: Organisation, year: int, user) -> dict:
    rows = ledger.overview(organisation, year)
    colours = palette(palette_name(user))  # the viewer's, as the page's legend
    tone = {p["status"]: p["colour"] for p in colours}
    detail = lambda r: reverse("indicators:detail", args=[organisation.pk, r.indicator.pk]) + f"?year={year}"  # noqa: E731
    counts = {s.value: 0 for s in Status}
    for r in rows:
        counts[r.status.status] += 1
    listed = lambda status: status_list_url(organisation, year, status)  # noqa: E731
    indicators = [{
        "name": r.indicator.name, "url": detail(r), "status": r.status.status, "status_label": str(r.status.label),
        "colour": tone[r.status.status], "reason": r.status.reason, "rank": r.rank, "peers": r.peers,
        "value": r.latest.value if r.latest else None, "unit": r.indicator.unit,
        "growth": r.latest.growth_pct if r.latest else None,
        "period": r.latest if r.latest else None,
    } for r in rows]
    lagging = [i for i in indicators if i["status"] in (Status.BEHIND, Status.CLOSE)]
    judged = counts[Status.MET] + counts[Status.CLOSE] + counts[Status.BEHIND]
    growth_rows = [r for r in rows if r.latest and r.latest.growth_pct is not None]
    chart = {
        "status": [{"name": str(p["label"]), "value": counts[p["status"]], "colour": p["colour"],
                    "url": listed(p["status"])} for p in colours if counts[p["status"]]],
        "growth": {"rows": [{"name": r.indicator.name, "growth": decimal_text(r.latest.growth_pct), "url": detail(r),
                             "target": decimal_text(r.target.value) if r.target and r.target.kind == TargetKind.GROWTH
                             else None} for r in growth_rows],
                   "labels": {"growth": _("同比增长(%)"), "target": _("目标增速(%)")}},
        "ranks": {"rows": [{"name": r.indicator.name, "rank": r.rank, "peers": r.peers, "url": detail(r),
                            "label": _("第%(r)d/%(p)d") % {"r": r.rank, "p": r.peers}} for r in rows if r.rank],
                  "labels": {"axis": _("位次(第1最好)"), "field": _("参与排位的区数")}},
    }
    tiles = [{**p, "count": counts[p["status"]], "url": listed(p["status"])} for p in colours]
    return {"org": organisation, "year": year, "indicators": indicators, "counts": counts, "lagging": lagging,
            "tiles": tiles, "measured": judged + counts[Status.NO_TARGET], "all_clear": _all_clear(counts, judged),
            "chart": chart, "panels": _panels(organisation, user), "is_city": False,
            "palette": colours}


def _all_clear(counts: dict, judged: int) -> str:
    """What the "needs attention" list says when nothing is behind: all met only if something was judged
    (no figures is 暂无数据, never "all met"), and how many were not judged when some were not."""
    if not judged or counts[Status.BEHIND] or counts[Status.CLOSE]:
        return "" if judged else str(Status.NO_DATA.label)
    unjudged = counts[Status.NO_DATA] + counts[Status.NO_TARGET]
    if not unjudged:
        return _("全部指标达到或超过目标进度")
    return _("已评判的%(n)d项指标均达到或超过目标进度，另有%(m)d项暂无数据或未设目标") % {"n": judged, "m": unjudged}


def city_screen(city: Organisation, year: int, user) -> dict:
    """The districts side by side on the city's key indicators (growth, rank, status), with the city's own
    figures as the last row where it keeps them; the counts of statuses over every indicator."""
    matrix = ledger.city_table(city, year, user)
    colours = palette(palette_name(user))  # the viewer's, as the page's legend
    tone = {p["status"]: p["colour"] for p in colours}
    shown = [n for code in CITY_INDICATORS for n, i in enumerate(matrix.indicators) if i.code == code]
    table, met, gdp_chart = [], [], []
    gdp_at = next((n for n, i in enumerate(matrix.indicators) if i.code == "gdp"), None)
    for row in matrix.rows + ([matrix.city_row] if matrix.city_row else []):
        counts = row.counts
        cells = [{"growth": row.cells[n].growth, "rank": row.cells[n].rank,
                  "colour": tone.get(row.cells[n].status, row.cells[n].colour),
                  "status": row.cells[n].status,
                  "label": row.cells[n].label, "reason": row.cells[n].reason, "url": row.cells[n].url}
                 for n in shown]
        is_city = row is matrix.city_row
        table.append({"district": row.organisation, "is_city": is_city,
                      "url": reverse("dashboard:screen", args=[row.organisation.pk]) + f"?year={year}",
                      "cells": cells, "met": counts["met"], "behind": counts["behind"], "total": counts["total"]})
        if is_city:
            continue
        met.append({"name": row.organisation.short_name, "met": counts["met"], "close": counts["close"],
                    "behind": counts["behind"],
                    "urls": {k: status_list_url(row.organisation, year, k)
                             for k in ("met", "close", "behind")}})
        gdp = row.cells[gdp_at] if gdp_at is not None else None
        if gdp is not None and gdp.growth is not None:
            gdp_chart.append({"name": row.organisation.short_name, "growth": decimal_text(gdp.growth),
                              "url": gdp.url})
    chart = {"gdp": sorted(gdp_chart, key=lambda x: float(x["growth"]), reverse=True), "met": met,
             "palette": tone,
             "labels": {"met": str(Status.MET.label), "close": str(Status.CLOSE.label),
                        "behind": str(Status.BEHIND.label), "gdp": _("地区生产总值累计增速(%)")}}
    return {"org": city, "year": year, "table": table, "columns": [matrix.indicators[n].name for n in shown],
            "chart": chart, "panels": _panels(city, user), "is_city": True, "palette": colours}


def status_list(organisation: Organisation, year: int, status: str | None) -> list:
    """The organisation's indicators in one status (the rows the screen counted for that status)."""
    return [r for r in ledger.overview(organisation, year) if status is None or r.status.status == status]


def screen(organisation: Organisation, year: int, user) -> dict:
    if organisation.kind == OrgKind.CITY:
        return city_screen(organisation, year, user)
    return district_screen(organisation, year, user)
