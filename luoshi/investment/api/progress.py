"""A district's year of attraction: the funnel (线索 → 签约 → 开工 → 投产), the targets and where they
stand, and the 三个一批 batches."""
from ninja import Query, Status

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS
from luoshi.core.apitools import decimal_text, scoped, seen
from luoshi.core.periods import today
from luoshi.investment import selectors
from luoshi.investment.api.base import router
from luoshi.investment.api.schemas import YEAR, AttractionTargetIn, BatchEventsOut, FunnelOut, TargetProgressOut
from luoshi.organisations.models import Organisation


def _year(year: int | None) -> int:
    return year if year is not None else today().year


def _rows(counts: dict) -> list[dict]:
    return [{"key": str(k), "label": str(k), "count": n, "amount": money} for k, (n, money) in counts.items()]


@router.get("/districts/{int:org_id}/funnel", response={200: FunnelOut, **READ_ERRORS},
            operation_id="luoshi_investment_api_funnel",
            summary="招商漏斗 The year's funnel of a district")
def funnel(request, org_id: int, year: int | None = Query(None, **YEAR, description="年度,默认今年")):
    """Leads registered, projects signed, started and producing in the year (counts and 亿元), and the signed
    ones by method and by chain."""
    org = scoped(request, Organisation, pk=org_id)
    year = _year(year)
    f = selectors.funnel(request.user, org, year)
    keys = ("lead", "signed", "started", "producing")  # the order of `selectors.funnel`'s stages
    return {"organisation_id": org.pk, "year": year, "dropped": f["dropped"],
            "stages": [{"key": k, "label": str(s["label"]), "count": s["count"], "amount": s["amount"]}
                       for k, s in zip(keys, f["stages"], strict=False)],
            "by_method": _rows(f["by_method"]), "by_chain": _rows(f["by_chain"])}


@router.get("/districts/{int:org_id}/targets", response={200: list[TargetProgressOut], **READ_ERRORS},
            operation_id="luoshi_investment_api_targets",
            summary="招商目标进度 The year's attraction targets of a district and where they stand")
def targets(request, org_id: int, year: int | None = Query(None, **YEAR, description="年度,默认今年")):
    """Each target with what is signed so far and the status in words (时间过半、任务过半)."""
    org = scoped(request, Organisation, pk=org_id)
    return [_target_row(row) for row in selectors.target_progress(request.user, org, _year(year))]


def _target_row(row) -> dict:
    t, s = row["target"], row["status"]
    return {"id": t.pk, "organisation_id": t.organisation_id, "year": t.year, "measure": t.measure,
            "measure_label": row["label"], "wording": t.wording, "value": t.value, "min_amount": t.min_amount,
            "max_amount": t.max_amount, "sector": t.sector, "version": t.version, "achieved": row["achieved"],
            "status": {"status": s.status, "label": str(s.label), "reason": s.reason,
                       "completion_pct": decimal_text(s.completion_pct), "time_pct": decimal_text(s.time_pct),
                       "gap_pp": decimal_text(s.gap_pp)}}


@router.post("/districts/{int:org_id}/targets", response={200: TargetProgressOut, 201: TargetProgressOut,
                                                         **WRITE_ERRORS},
             operation_id="luoshi_investment_api_set_target",
             summary="设定或修订招商目标 Set or revise an attraction target from its wording")
def set_target(request, org_id: int, payload: AttractionTargetIn):
    """Through `investment.targets.set_target`, as the targets page and the Excel import: 201 new, 200
    revised (a reason is required), 409 if `expected_version` is stale, 422 naming each field refused, 403
    for a district the user sees but does not keep, 404 outside the user's scope (also a `unit_id` of
    another district)."""
    from luoshi.investment import targets

    district = scoped(request, Organisation, pk=org_id)
    org = district
    if payload.unit_id is not None:
        org = scoped(request, Organisation.objects.filter(district_id=district.pk).exclude(pk=district.pk),
                     pk=payload.unit_id)
    fields = {k: getattr(payload, k) for k in ("year", "measure", "wording", "min_amount", "max_amount", "sector")}
    errors, checked = targets.check_target(org, **fields)
    existed = checked is not None and targets.find_target(org, checked) is not None
    saved = targets.set_target(request.user, organisation=org, **fields, source=payload.source,
                               reason=payload.reason, expected_version=seen(payload.expected_version))
    row = next(r for r in selectors.target_progress(request.user, org, saved.year) if r["target"].pk == saved.pk)
    return Status(200 if existed else 201, _target_row(row))


@router.get("/districts/{int:org_id}/batches", response={200: BatchEventsOut, **READ_ERRORS},
            operation_id="luoshi_investment_api_batches",
            summary="三个一批 The year's signed, started and producing batches of a district")
def batches(request, org_id: int, year: int | None = Query(None, **YEAR, description="年度,默认今年")):
    """签约一批、开工一批、投产一批: the projects signed, started and put into production in the year, grouped
    by the month of the event, with each batch's count and 亿元 total and the year's totals (as the
    三个一批 page shows them)."""
    org = scoped(request, Organisation, pk=org_id)
    year = _year(year)
    data = selectors.batch_events(request.user, org, year)

    def project_row(when, p) -> dict:
        return {"event_date": when, "id": p.pk, "name": p.name, "investor": p.investor, "amount": p.amount,
                "chain": p.chain_link.chain.name if p.chain_link_id else None,
                "chain_link": p.chain_link.name if p.chain_link_id else None,
                "responsible_unit": p.responsible_unit.name if p.responsible_unit_id else None,
                "state": p.state, "state_label": str(p.get_state_display())}

    return {"organisation_id": org.pk, "year": year,
            "events": [{"month": e["month"], "dates": e["dates"], "count": e["count"],
                        "batches": [{"key": b["key"], "label": str(b["label"]), "count": b["count"],
                                     "amount": b["amount"], "projects": [project_row(w, p) for w, p in b["rows"]]}
                                    for b in e["batches"]]} for e in data["events"]],
            "totals": [{"key": t["key"], "label": str(t["label"]), "count": t["count"], "amount": t["amount"]}
                       for t in data["totals"]]}
