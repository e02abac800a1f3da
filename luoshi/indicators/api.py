"""API of the indicator ledger: catalogue, targets, actuals, status, rankings and audit trail.

Reads go through `for_user`; writes through the same services as the pages and the Excel upload,
so the API can never accept what a form would refuse.
"""
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from luoshi.core.apitools import ExactDecimal, decimal_text, filter_given, plain, scoped
from luoshi.core.periods import Period
from luoshi.indicators import selectors, services
from luoshi.indicators.models import Actual, Indicator, Target
from luoshi.indicators.ranking import ranking
from luoshi.organisations.access import home_organisation
from luoshi.organisations.models import Organisation, OrgKind

router = Router(tags=["indicators 指标"])

Number = str | int | float


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    cumulative: bool
    frequency: str
    aliases: list[str]

    @staticmethod
    def resolve_aliases(obj) -> list[str]:
        return obj.alias_list()


class StatusOut(Schema):
    status: str = Field(description="met / close / behind / no_data")
    label: str
    reason: str = Field(description="为什么是这个状态 Why, in words")
    completion_pct: str | None = None
    time_pct: str | None = None
    gap_pp: str | None = None


class LedgerRecordOut(Schema):
    id: int
    organisation_id: int
    indicator_id: int
    year: int
    source: str
    version: int = Field(description="版本;修改时作为 expected_version 传回")


class TargetOut(LedgerRecordOut):
    wording: str = Field(description="目标原文,如“增长6%左右”")
    kind: str
    comparator: str
    commitment: str
    value: ExactDecimal
    stretch_value: ExactDecimal | None


class ActualOut(LedgerRecordOut):
    month: int
    value: ExactDecimal | None = Field(description="年初至本期末累计值,以指标单位计")
    growth_pct: ExactDecimal | None = Field(description="累计同比增长(%)")
    note: str


class TargetIn(Schema):
    organisation_id: int
    indicator: str = Field(description="指标代码、名称或别名,如 gdp、地区生产总值、社消零")
    year: int
    wording: str = Field(description="按文件原文,如“增长6%左右”“不少于60个”“增长6%左右,力争7%”")
    source: str = ""
    reason: str = Field("", description="修改已有目标时必填")
    expected_version: int | None = Field(None, description="修改时填所读到的版本,新建时填0;已被他人修改或抢先新建则返回409")


class ActualIn(Schema):
    organisation_id: int
    indicator: str
    year: int
    month: int
    value: Number | None = Field(None, description="累计值;建议以字符串传递,如 \"241.8\"")
    unit: str | None = Field(None, description="计量单位,省略则为指标单位;同类单位自动换算(万元→亿元)")
    growth_pct: Number | None = None
    note: str = ""
    source: str = ""
    reason: str = Field("", description="重新提交已填报的期间时必填")
    expected_version: int | None = None


class OverviewRowOut(Schema):
    indicator: IndicatorOut
    target: TargetOut | None
    latest: ActualOut | None
    status: StatusOut
    rank: int | None
    peers: int


class RankOut(Schema):
    organisation_id: int
    name: str
    growth_pct: str
    rank: int


class DetailOut(Schema):
    indicator: IndicatorOut
    year: int
    target: TargetOut | None
    actuals: list[ActualOut]
    status: StatusOut
    standing: str | None = Field(description="如“连续3个季度累计增速居6区第一”")
    peers: list[RankOut]


class ChangeOut(Schema):
    field: str
    old: str | None
    new: str | None


class AuditOut(Schema):
    when: datetime
    who: str
    what: str
    kind: str
    reason: str
    changes: list[ChangeOut]


def _status(s) -> dict:
    return {"status": s.status, "label": str(s.label), "reason": s.reason,
            "completion_pct": decimal_text(s.completion_pct), "time_pct": decimal_text(s.time_pct),
            "gap_pp": decimal_text(s.gap_pp)}


def _indicator(text: str) -> Indicator:
    """An indicator by code, name or alias; 404 if there is none."""
    text = text.strip()
    found = Indicator.objects.filter(Q(code=text) | Q(name=text)).first()
    if found is None:
        found = next((i for i in Indicator.objects.filter(aliases__contains=text) if text in i.alias_list()), None)
    if found is None:
        raise services.LedgerError([services.FieldError(_("指标"), _("未知指标:“%(n)s”") % {"n": text})])
    return found


@router.get("/catalogue", response=list[IndicatorOut], summary="指标目录 The indicator catalogue")
def catalogue(request):
    return Indicator.objects.filter(is_active=True)


@router.get("/organisations/{int:org_id}/overview", response=list[OverviewRowOut],
            summary="单位指标总览 What the overview page shows: target, latest figure, status, rank")
def overview(request, org_id: int, year: int | None = None):
    org = scoped(request, Organisation, pk=org_id)
    rows = selectors.overview(org, year or selectors.default_year(org))
    return [{"indicator": r.indicator, "target": r.target, "latest": r.latest,
             "status": _status(r.status), "rank": r.rank, "peers": r.peers} for r in rows]


@router.get("/organisations/{int:org_id}/indicators/{int:indicator_id}", response=DetailOut,
            summary="指标详情 One indicator of one organisation: figures, status, standing, peers")
def detail(request, org_id: int, indicator_id: int, year: int | None = None):
    org = scoped(request, Organisation, pk=org_id)
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    d = selectors.indicator_detail(org, indicator, year or selectors.default_year(org))
    return {"indicator": indicator, "year": d.year, "target": d.target,
            "actuals": d.actuals, "status": _status(d.status),
            "standing": d.standing.sentence if d.standing else None,
            "peers": [_rank(r) for r in d.peers]}


@router.get("/organisations/{int:org_id}/indicators/{int:indicator_id}/history", response=list[AuditOut],
            summary="修改历史 Who changed what, when and why")
def history(request, org_id: int, indicator_id: int, year: int | None = None):
    org = scoped(request, Organisation, pk=org_id)
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    return [{"when": e.when, "who": e.who, "what": e.what, "kind": e.kind, "reason": e.reason,
             "changes": [{"field": c.field, "old": _text(c.old), "new": _text(c.new)} for c in e.changes]}
            for e in selectors.audit_trail(org, indicator, year=year)]


def _text(value) -> str | None:
    value = plain(value)
    return None if value is None else str(value)


@router.get("/targets", response=list[TargetOut], summary="年度目标列表 Targets the user may see")
@paginate(LimitOffsetPagination)
def list_targets(request, organisation: int | None = None, indicator: int | None = None, year: int | None = None):
    targets = Target.objects.for_user(request.user).order_by("organisation_id", "indicator__sort_order", "year")
    return filter_given(targets, organisation_id=organisation, indicator_id=indicator, year=year)


@router.get("/targets/{int:target_id}", response=TargetOut, summary="年度目标 One target")
def get_target(request, target_id: int):
    return scoped(request, Target, pk=target_id)


@router.post("/targets", response={200: TargetOut, 201: TargetOut},
             summary="设定或修订目标 Set or revise a target from its wording")
def put_target(request, payload: TargetIn):
    return _write(request, payload, Target, {"year": payload.year}, lambda org, indicator: services.set_target(
        request.user, organisation=org, indicator=indicator, year=payload.year, wording=payload.wording,
        source=payload.source, reason=payload.reason, expected_version=payload.expected_version))


def _write(request, payload, model, period: dict, save):
    """Resolve the organisation (in scope, else 404) and the indicator, save through the service, and
    answer 201 for a new record, 200 for a revision."""
    org = scoped(request, Organisation, pk=payload.organisation_id)
    indicator = _indicator(payload.indicator)
    existed = model.objects.filter(organisation=org, indicator=indicator, **period).exists()
    return Status(200 if existed else 201, save(org, indicator))


@router.get("/actuals", response=list[ActualOut], summary="实绩列表 Actuals the user may see")
@paginate(LimitOffsetPagination)
def list_actuals(request, organisation: int | None = None, indicator: int | None = None, year: int | None = None,
                 month: int | None = None):
    actuals = Actual.objects.for_user(request.user).order_by("organisation_id", "indicator_id", "year", "month")
    return filter_given(actuals, organisation_id=organisation, indicator_id=indicator, year=year, month=month)


@router.get("/actuals/{int:actual_id}", response=ActualOut, summary="实绩 One actual")
def get_actual(request, actual_id: int):
    return scoped(request, Actual, pk=actual_id)


@router.post("/actuals", response={200: ActualOut, 201: ActualOut},
             summary="填报或修订实绩 Report or revise a cumulative figure")
def put_actual(request, payload: ActualIn):
    period = {"year": payload.year, "month": payload.month}
    return _write(request, payload, Actual, period, lambda org, indicator: services.record_actual(
        request.user, organisation=org, indicator=indicator, **period, value=payload.value,
        growth_pct=payload.growth_pct, unit=payload.unit, note=payload.note, source=payload.source,
        reason=payload.reason, expected_version=payload.expected_version))


def _rank(r) -> dict:
    """A peer's place: growth and rank only (decision 3: peers' values stay hidden)."""
    return {"organisation_id": r.organisation_id, "name": r.name, "growth_pct": decimal_text(r.growth_pct),
            "rank": r.rank}


@router.get("/rankings", response=list[RankOut],
            summary="区间排位 Districts of the user's city ranked by cumulative growth")
def rankings(request, indicator: str, year: int, month: int):
    home = home_organisation(request.user)
    if home is None:
        raise PermissionDenied(_("无权查看排位"))
    city_id = home.pk if home.kind == OrgKind.CITY else home.city_id
    if not 1 <= month <= 12:
        raise services.LedgerError([services.FieldError(_("月份"), _("月份应为1至12,实际为%(m)d") % {"m": month})])
    found = _indicator(indicator)
    return [_rank(r) for r in ranking(city_id, found.pk, Period(year, month))]

