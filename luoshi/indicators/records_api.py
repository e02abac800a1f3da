"""API of the records behind the ledger that have pages: the indicator catalogue (指标目录), kept by the city
administrator, and target decomposition (目标分解), a district target split among its units. The writes go
through the services the pages call (`catalogue_admin.save_indicator`, `decomposition.set_part`), so the
API refuses what a page refuses, for the same reasons."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS, ErrorOut, NumberIn
from luoshi.core.apitools import ExactDecimal, expected_version_field, model_text, reason_text, seen
from luoshi.indicators import decomposition
from luoshi.indicators.api import TargetOut
from luoshi.indicators.catalogue_admin import save_indicator
from luoshi.indicators.models import Indicator, Target
from luoshi.indicators.services import FieldError, LedgerError
from luoshi.organisations import access

router = Router(tags=["indicators 指标"])


class CatalogueEntryOut(Schema):
    """An entry of the indicator catalogue as its keeper sees it: active or not, with its version."""

    id: int
    code: str
    name: str
    aliases: str = Field(description="别名,以顿号或逗号分隔;报告解析按名称和别名识别")
    unit: str = Field(description="计量单位,如 亿元、万美元、亩、%")
    cumulative: bool = Field(description="按年内累计上报(1—N月累计);否则为时点值")
    frequency: str = Field(description="monthly 按月 / quarterly 按季")
    direction: str = Field(description="higher 越高越好 / lower 越低越好")
    measure: str = Field(description="amount 总量 / rate 比率")
    sort_order: int = Field(description="排序")
    is_active: bool = Field(description="启用:出现在填报模板、填报表单和报告解析中")
    description: str
    version: int = Field(description="版本;修改时作为 expected_version 传回")


class CatalogueIn(Schema):
    """A new indicator of the catalogue; at once in the Excel template, the entry forms and the report reader."""

    name: str = model_text(Indicator, "name")
    code: str = model_text(Indicator, "code", "", description="英文小写,如 retail_sales;省略则自动生成")
    unit: str = Field(max_length=10, description="计量单位,如 亿元、万美元、亩、家、%")
    cumulative: bool = Field(True, description="按年内累计上报(1—N月累计)")
    frequency: str = Field("monthly", max_length=10, description="monthly 按月 / quarterly 按季")
    aliases: str = model_text(Indicator, "aliases", "")
    sort_order: NumberIn = Field("100", description="排序,非负整数")
    is_active: bool = True
    description: str = model_text(Indicator, "description", "")


class CatalogueChangeIn(Schema):
    """A change to a catalogue entry: the fields given change, the others stay; a reason and the version read.
    What would corrupt figures already reported (a new unit, cumulative ↔ point values, to quarterly with
    monthly figures) is refused."""

    name: str | None = model_text(Indicator, "name", None)
    code: str | None = model_text(Indicator, "code", None)
    unit: str | None = Field(None, max_length=10)
    cumulative: bool | None = None
    frequency: str | None = Field(None, max_length=10)
    aliases: str | None = model_text(Indicator, "aliases", None)
    sort_order: NumberIn = None
    is_active: bool | None = None
    description: str | None = model_text(Indicator, "description", None)
    reason: str = reason_text(description="修改原因(必填)")
    expected_version: int = expected_version_field(first_entry=False)


CATALOGUE_FIELDS = ("name", "code", "unit", "cumulative", "frequency", "aliases", "sort_order", "is_active",
                    "description")


def _keeper(request):
    access.require(request.user, "indicators.keep_catalogue")


@router.get("/catalogue/entries", response={200: list[CatalogueEntryOut], 403: ErrorOut, **READ_ERRORS},
            summary="指标目录维护 Every catalogue entry, active or not, for its keeper")
def catalogue_entries(request):
    """What the catalogue page lists: every indicator with its version; the city administrator's (403 else)."""
    _keeper(request)
    return Indicator.objects.order_by("sort_order", "id")


@router.post("/catalogue/entries", response={201: CatalogueEntryOut, **WRITE_ERRORS},
             summary="新增指标 Add an indicator to the catalogue")
def add_indicator(request, payload: CatalogueIn):
    """Through `save_indicator`, as the catalogue page: 422 naming each field (a unit not supported, a name
    or alias another indicator answers to, a code in use), 403 for anyone but the city administrator."""
    _keeper(request)
    return Status(201, save_indicator(request.user, **payload.dict()))


@router.post("/catalogue/entries/{int:indicator_id}", response={200: CatalogueEntryOut, **WRITE_ERRORS},
             summary="修改指标 Change a catalogue entry, with a reason and the version read")
def change_indicator(request, indicator_id: int, payload: CatalogueChangeIn):
    """409 with the newer entry if `expected_version` is stale; the history keeps who, when and why."""
    _keeper(request)
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    given = payload.dict(exclude_unset=True)
    fields = {name: given[name] if given.get(name) is not None else getattr(indicator, name)
              for name in CATALOGUE_FIELDS}
    return save_indicator(request.user, indicator=indicator, reason=payload.reason,
                          expected_version=payload.expected_version, **fields)


# --- 目标分解 ----------------------------------------------------------------------------------------

class UnitOut(Schema):
    """A unit named in a decomposition (目标分解的单位)."""

    id: int
    name: str


class PartOut(TargetOut):
    """A unit's share of the district target (its own annual target, linked to the district's)."""

    unit: str = Field(description="单位名称")
    parent_id: int | None = Field(description="分解自的区目标")

    @staticmethod
    def resolve_unit(target) -> str:
        return str(target.organisation)


class DecompositionOut(Schema):
    """The district target, its units' parts, and whether the parts cover it (the gap if not), in words."""

    target: TargetOut
    parts: list[PartOut]
    units_without: list[UnitOut] = Field(description="尚未分解到的单位")
    total: ExactDecimal | None = Field(description="各单位分解合计(总量目标;增速目标不相加,为空)")
    gap: ExactDecimal | None = Field(description="比区目标少多少(已覆盖为0;增速目标为空)")
    covered: bool | None = Field(description="是否覆盖区目标;尚未分解为空")
    sentence: str = Field(description="覆盖情况,如“各单位分解合计90亿元,比区目标100亿元少10亿元,尚未覆盖”")


class PartIn(Schema):
    """One unit's share of the district target in its own wording; a second one for the unit is a revision."""

    unit_id: int = Field(description="区内单位编号")
    wording: str = model_text(Target, "wording", description="如“不少于20亿元”“增长7%”;须与区目标同类")
    reason: str = reason_text(description="修改已分解的目标时必填")
    expected_version: int | None = expected_version_field()


def _district_target(request, org_id: int, indicator_id: int, year: int) -> Target:
    """The district target of a decomposition: 404 for a district the user neither sees nor belongs to,
    403 with the reason for one they belong to but whose targets they do not see (a unit, an enterprise),
    404 when the district has no such target."""
    district = access.district_in_reach(request.user, org_id)
    if district is None:
        raise Http404
    access.require(request.user, "indicators.read_decomposition", district)
    return get_object_or_404(Target.objects.for_user(request.user).select_related("indicator", "organisation"),
                             organisation=district, indicator_id=indicator_id, year=year)


DECOMPOSITION = "/organisations/{int:org_id}/indicators/{int:indicator_id}/decomposition/{int:year}"


@router.get(DECOMPOSITION, response={200: DecompositionOut, 403: ErrorOut, **READ_ERRORS},
            summary="目标分解 A district target split among its units, with coverage and gap")
def get_decomposition(request, org_id: int, indicator_id: int, year: int):
    """What the decomposition page shows: each unit's part, the units without one, and whether the parts
    cover the district target (a total: their sum and the gap; a growth rate: each part against it)."""
    d = decomposition.decomposition(_district_target(request, org_id, indicator_id, year))
    return {"target": d.target, "parts": d.parts, "units_without": [{"id": u.pk, "name": u.name}
                                                                    for u in d.units_without],
            "total": d.total, "gap": d.gap, "covered": d.covered, "sentence": d.sentence}


@router.post(DECOMPOSITION, response={200: PartOut, 201: PartOut, **WRITE_ERRORS},
             summary="分解目标到单位 Set or revise one unit's part of a district target")
def put_part(request, org_id: int, indicator_id: int, year: int, payload: PartIn):
    """Through `decomposition.set_part`, as the page: 201 new, 200 revised (a reason is required), 409 if
    `expected_version` is stale, 403 for who does not keep the district's targets, 422 for a unit not of
    this district or a part of another kind than the district target (增速 vs 总量)."""
    parent = _district_target(request, org_id, indicator_id, year)
    access.require(request.user, "indicators.decompose", parent.organisation)
    unit = next((u for u in decomposition.units_of(parent.organisation) if u.pk == payload.unit_id), None)
    if unit is None:  # another district's unit is not named back: guessing ids reveals nothing
        raise LedgerError([FieldError(_("单位"), _("不是%(d)s的单位") % {"d": parent.organisation})])
    existed = Target.objects.filter(organisation=unit, indicator=parent.indicator, year=year).exists()
    part = decomposition.set_part(request.user, parent, unit, payload.wording, reason=payload.reason,
                                  expected_version=seen(payload.expected_version))
    return Status(200 if existed else 201, part)
