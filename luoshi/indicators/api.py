"""API of the indicator ledger: catalogue, targets, actuals, status, rankings and audit trail.

Reads go through `for_user`; writes through the same services as the pages and the Excel upload,
so the API can never accept what a form would refuse.
"""
from datetime import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS, ErrorOut, NumberIn
from luoshi.core.apitools import (
    ExactDecimal,
    Pagination,
    StatusOut,
    WithdrawIn,
    decimal_text,
    expected_version_field,
    filter_given,
    id_query,
    model_text,
    month_query,
    plain,
    reason_text,
    scoped,
    seen,
    source_file_out,
    source_out,
    source_resolvers,
    year_query,
)
from luoshi.core.periods import Period
from luoshi.indicators import selectors, services
from luoshi.indicators.models import Actual, Indicator, Target
from luoshi.indicators.ranking import ranking, ranking_of_code
from luoshi.organisations.access import home_organisation
from luoshi.organisations.models import Organisation, OrgKind

router = Router(tags=["indicators 指标"])

IndicatorRef = Annotated[Annotated[str, StringConstraints(max_length=200)] | int,
                         Field(description="指标 id、代码、名称或别名,如 1、gdp、地区生产总值、社消零",
                               examples=["gdp"])]


class IndicatorOut(Schema):
    """An indicator of the catalogue (经济指标), e.g. 地区生产总值 in 亿元, reported quarterly, cumulative."""

    id: int
    code: str
    name: str
    unit: str = Field(description="计量单位,如 亿元、万美元、亩、%")
    cumulative: bool = Field(description="按年内累计上报(1—N月累计)")
    frequency: str = Field(description="monthly 按月 / quarterly 按季(季末月份)")
    aliases: list[str] = Field(description="别名,如 社消零")

    @staticmethod
    def resolve_aliases(obj) -> list[str]:
        return obj.alias_list()


class LedgerRecordOut(Schema):
    id: int
    organisation_id: int
    indicator_id: int
    year: int
    source: str = source_out()
    source_file: str = source_file_out()
    version: int = Field(description="版本;修改时作为 expected_version 传回")

    resolve_source, resolve_source_file = source_resolvers()


class TargetOut(LedgerRecordOut):
    """An annual target (年度目标), kept with its original wording, which carries its rule."""

    wording: str = Field(description="目标原文,如“增长6%左右”")
    kind: str = Field(description="growth 增速目标 / absolute 总量目标")
    comparator: str = Field(description="about 左右 / at_least 以上、不低于 / plain 达到")
    commitment: str = Field(description="normal 预期 / stretch 力争 / floor 确保")
    value: ExactDecimal = Field(description="目标值:增速(%)或总量(指标单位)")
    stretch_value: ExactDecimal | None = Field(description="力争值")


class ActualOut(LedgerRecordOut):
    """A reported figure (实绩): the cumulative value and growth at the end of one month (decision 4)."""

    month: int = Field(description="期末月份;按季指标为季末月份")
    value: ExactDecimal | None = Field(description="年初至本期末累计值,以指标单位计")
    growth_pct: ExactDecimal | None = Field(description="累计同比增长(%)")
    note: str
    withdrawn: bool = Field(False, description="已作废:仍保留在记录和历史中,但不再计入状态、排位和简报")
    withdrawn_at: datetime | None = Field(None, description="作废时间")
    withdrawn_reason: str = Field("", description="作废原因")

    @staticmethod
    def resolve_withdrawn(obj) -> bool:
        return obj.withdrawn_at is not None



class TargetIn(Schema):
    """A target as the district's documents word it; the rule is read from the wording."""

    organisation_id: int
    indicator: IndicatorRef
    year: int
    wording: str = model_text(Target, "wording", description="按文件原文,如“增长6%左右”“不少于60个”“增长6%左右,力争7%”")
    source: str = model_text(Target, "source", "")
    reason: str = reason_text(description="修改已有目标时必填")
    expected_version: int | None = expected_version_field()


class ActualIn(Schema):
    """A cumulative figure for one month (or quarter end); a second submission of a period is a revision."""

    organisation_id: int
    indicator: IndicatorRef
    year: int
    month: int = Field(description="1—12;按季指标为3、6、9、12")
    value: NumberIn = Field(None, description="累计值;建议以字符串传递,如 \"241.8\"")
    unit: str | None = Field(None, max_length=10, description="计量单位,省略则为指标单位;同类单位自动换算(万元→亿元)")
    growth_pct: NumberIn = Field(None, description="累计同比增长(%),如 \"6.1\"")
    note: str = model_text(Actual, "note", "")
    source: str = model_text(Actual, "source", "")
    reason: str = reason_text(description="重新提交已填报的期间时必填")
    expected_version: int | None = expected_version_field()


class OverviewRowOut(Schema):
    """One line of the overview page: target, latest cumulative figure, status and rank."""

    indicator: IndicatorOut
    target: TargetOut | None
    latest: ActualOut | None = Field(description="最新一期实绩(year、month 即最新期间)")
    status: StatusOut
    rank: int | None = Field(description="在同级区中的累计增速排位")
    peers: int = Field(description="参与排位的区数")


class RankOut(Schema):
    """A district's place among its peers: growth and rank only; peers' values stay hidden (decision 3)."""

    organisation_id: int
    name: str
    growth_pct: str = Field(description="累计同比增长(%)")
    rank: int


class DetailOut(Schema):
    """One indicator of one organisation for a year, as its detail page shows it."""

    indicator: IndicatorOut
    year: int
    target: TargetOut | None
    actuals: list[ActualOut]
    status: StatusOut
    standing: str | None = Field(description="如“连续3个季度累计增速居6区第一”")
    peers: list[RankOut]


class ChangeOut(Schema):
    """One field of a change, old → new, as a person reads it (choice labels, exact decimals)."""

    field: str = Field(description="数据项,如“累计值”")
    old: str | None
    new: str | None


class AuditOut(Schema):
    """One change in the ledger: who, when, what, old → new, and why (decision 4)."""

    when: datetime
    who: str
    what: str = Field(description="期间,如“2025年9月”")
    kind: str = Field(description="target 目标 / actual 实绩")
    reason: str
    changes: list[ChangeOut]


def _status(s) -> dict:
    return {"status": s.status, "label": str(s.label), "reason": s.reason,
            "completion_pct": decimal_text(s.completion_pct), "time_pct": decimal_text(s.time_pct),
            "gap_pp": decimal_text(s.gap_pp)}


def _indicator(ref) -> Indicator:
    """An indicator by id, code, name or alias; refused with the field named if there is none."""
    found = selectors.find_indicator(ref)
    if found is None:
        raise services.LedgerError([services.FieldError(_("指标"), _("未知指标：“%(n)s”") % {"n": ref})])
    return found


def _org_indicator(request, org_id: int, indicator_id: int) -> tuple[Organisation, Indicator]:
    """The organisation (in scope, else 404) and the indicator of a per-indicator URL."""
    return scoped(request, Organisation, pk=org_id), get_object_or_404(Indicator, pk=indicator_id)


@router.get("/catalogue", response={200: list[IndicatorOut], **READ_ERRORS},
            summary="指标目录 The indicator catalogue")
def catalogue(request):
    """The active indicators, with the aliases people write, so clients can name them as they like."""
    return Indicator.objects.filter(is_active=True)


@router.get("/organisations/{int:org_id}/overview", response={200: list[OverviewRowOut], **READ_ERRORS},
            summary="单位指标总览 What the overview page shows: target, latest figure, status, rank")
def overview(request, org_id: int, year: int | None = year_query()):
    """The one screen of an organisation (一屏观全域); `year` defaults to the latest year with figures."""
    org = scoped(request, Organisation, pk=org_id)
    rows = selectors.overview(org, year or selectors.default_year(org))
    return [{"indicator": r.indicator, "target": r.target, "latest": r.latest,
             "status": _status(r.status), "rank": r.rank, "peers": r.peers} for r in rows]


@router.get("/organisations/{int:org_id}/indicators/{int:indicator_id}", response={200: DetailOut, **READ_ERRORS},
            summary="指标详情 One indicator of one organisation: figures, status, standing, peers")
def detail(request, org_id: int, indicator_id: int, year: int | None = year_query()):
    """The year's monthly figures, the status and the sentence a report would write (居6区第一)."""
    org, indicator = _org_indicator(request, org_id, indicator_id)
    d = selectors.indicator_detail(org, indicator, year or selectors.default_year(org))
    return {"indicator": indicator, "year": d.year, "target": d.target,
            "actuals": d.actuals, "status": _status(d.status),
            "standing": d.standing.sentence if d.standing else None,
            "peers": [_rank(r) for r in d.peers]}


@router.get("/organisations/{int:org_id}/indicators/{int:indicator_id}/history",
            response={200: list[AuditOut], **READ_ERRORS}, summary="修改历史 Who changed what, when and why")
def history(request, org_id: int, indicator_id: int, year: int | None = year_query()):
    """The audit trail of an organisation's targets and actuals of one indicator, newest first; peers'
    trails are out of scope (404)."""
    org, indicator = _org_indicator(request, org_id, indicator_id)
    return [{"when": e.when, "who": e.who, "what": e.what, "kind": e.kind, "reason": e.reason,
             "changes": [{"field": c.field, "old": _text(c.old), "new": _text(c.new)} for c in e.changes]}
            for e in selectors.audit_trail(org, indicator, year=year)]


def _text(value) -> str | None:
    value = plain(value)
    return None if value is None else str(value)


def _ledger_filters(organisation: int | None, indicator: str | None, **period) -> dict:
    """The list filters a client gave, the indicator named as it likes (id, code, name or alias)."""
    return {"organisation_id": organisation, "indicator_id": _indicator(indicator).pk if indicator else None,
            **period}


@router.get("/targets", response={200: list[TargetOut], **READ_ERRORS},
            summary="年度目标列表 Targets the user may see")
@paginate(Pagination)
def list_targets(request, organisation: int | None = id_query("单位 id"), indicator: str | None = None,
                 year: int | None = year_query()):
    """Targets in the user's scope, filtered by organisation, indicator and year."""
    targets = Target.objects.for_user(request.user).order_by("organisation_id", "indicator__sort_order", "year")
    return filter_given(targets, **_ledger_filters(organisation, indicator, year=year))


@router.get("/targets/{int:target_id}", response={200: TargetOut, **READ_ERRORS}, summary="年度目标 One target")
def get_target(request, target_id: int):
    """One target; another district's answers 404 like a missing one."""
    return scoped(request, Target, pk=target_id)


@router.post("/targets", response={200: TargetOut, 201: TargetOut, **WRITE_ERRORS},
             summary="设定或修订目标 Set or revise a target from its wording")
def put_target(request, payload: TargetIn):
    """Through `services.set_target`, as the form does: 201 new, 200 revised (a reason is required),
    409 if `expected_version` is stale, 403 for a visible organisation whose targets the user does not keep."""
    return _write(request, payload, Target, {"year": payload.year}, lambda org, indicator: services.set_target(
        request.user, organisation=org, indicator=indicator, year=payload.year, wording=payload.wording,
        source=payload.source, reason=payload.reason, expected_version=seen(payload.expected_version)))


def _write(request, payload, model, period: dict, save):
    """Resolve the organisation (in scope, else 404) and the indicator, save through the service, and
    answer 201 for a new record, 200 for a revision."""
    org = scoped(request, Organisation, pk=payload.organisation_id)
    indicator = _indicator(payload.indicator)
    existed = model.objects.filter(organisation=org, indicator=indicator, **period).exists()
    return Status(200 if existed else 201, save(org, indicator))


@router.get("/actuals", response={200: list[ActualOut], **READ_ERRORS}, summary="实绩列表 Actuals the user may see")
@paginate(Pagination)
def list_actuals(request, organisation: int | None = id_query("单位 id"), indicator: str | None = None,
                 year: int | None = year_query(), month: int | None = month_query(), include_withdrawn: bool = False):
    """Actuals in the user's scope, filtered by organisation, indicator, year and month; the withdrawn
    (作废) ones only with ``include_withdrawn``."""
    manager = Actual.all_objects if include_withdrawn else Actual.objects
    actuals = manager.for_user(request.user).order_by("organisation_id", "indicator_id", "year", "month", "id")
    return filter_given(actuals, **_ledger_filters(organisation, indicator, year=year, month=month))


@router.get("/actuals/{int:actual_id}", response={200: ActualOut, **READ_ERRORS}, summary="实绩 One actual")
def get_actual(request, actual_id: int):
    """One actual, withdrawn or not; another district's answers 404 like a missing one."""
    return scoped(request, Actual.all_objects, pk=actual_id)


@router.post("/actuals/{int:actual_id}/withdraw", response={200: ActualOut, **WRITE_ERRORS},
             summary="作废实绩 Withdraw a wrong figure, with a reason")
def withdraw_actual(request, actual_id: int, payload: WithdrawIn):
    """Through `services.withdraw_actual`, as the page's 作废 button: the figure stays in the records and
    history and stops counting at once. 422 without a reason, 409 if `expected_version` is stale, 403 for
    a visible organisation whose figures the user does not report, 404 outside the user's scope; a
    repeated withdrawal answers 200 with the record unchanged."""
    actual = scoped(request, Actual.all_objects, pk=actual_id)
    return services.withdraw_actual(request.user, actual, reason=payload.reason,
                                    expected_version=payload.expected_version)


@router.post("/actuals", response={200: ActualOut, 201: ActualOut, **WRITE_ERRORS},
             summary="填报或修订实绩 Report or revise a cumulative figure")
def put_actual(request, payload: ActualIn):
    """Through `services.record_actual`, as the form and the Excel upload do: value converted from the
    given unit, exact decimals, 201 new, 200 revised (a reason is required), 409 if stale."""
    period = {"year": payload.year, "month": payload.month}
    return _write(request, payload, Actual, period, lambda org, indicator: services.record_actual(
        request.user, organisation=org, indicator=indicator, **period, value=payload.value,
        growth_pct=payload.growth_pct, unit=payload.unit, note=payload.note, source=payload.source,
        reason=payload.reason, expected_version=seen(payload.expected_version)))


def _rank(r) -> dict:
    """A peer's place: growth and rank only (decision 3: peers' values stay hidden)."""
    return {"organisation_id": r.organisation_id, "name": r.name, "growth_pct": decimal_text(r.growth_pct),
            "rank": r.rank}


@router.get("/rankings", response={200: list[RankOut], 403: ErrorOut, **READ_ERRORS},
            summary="区间排位 Districts of the user's city ranked by cumulative growth")
def rankings(request, indicator: str, year: int = year_query(...), month: int = month_query(...)):
    """What the city publishes anyway (decision 3): each district's cumulative growth and rank, never its
    values. Users without an organisation (enterprises) are refused."""
    home = home_organisation(request.user)
    if home is None:
        raise PermissionDenied(_("无权查看排位"))
    city_id = home.pk if home.kind == OrgKind.CITY else home.city_id
    period, ref = Period(year, month), indicator.strip()
    # Named by its code (as clients mostly do), the indicator is ranked in one query; by id, name or alias, or
    # when that finds nothing (unknown: 422; no figures: []), it is looked up first as before.
    rows = [] if ref.isdigit() else ranking_of_code(city_id, ref, period)
    return [_rank(r) for r in rows or ranking(city_id, _indicator(indicator).pk, period)]
