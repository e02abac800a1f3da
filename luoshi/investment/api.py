"""API of investment attraction (招商引资) and the industry chains (链长制): the ledger of a district with
its funnel, targets and 三个一批 batches, one project with its steps, new leads, corrections of a record's
facts and moves of the lead-to-production machine; the chains' overview, panorama (产业链全景图) and
招商地图, and the editing of a chain (链长, links, enterprises, 链主) as on the chain page.

Reads go through `for_user` (a record outside the user's scope answers 404); writes through the same
services as the pages, so what the page refuses is refused here too (422, the reasons in words; a stale
`expected_version` 409; a visible record the user may not keep 403).
"""
from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS, NumberIn
from luoshi.core.apitools import (
    DateIn,
    ExactDecimal,
    Pagination,
    choice_label,
    decimal_text,
    filter_given,
    model_text,
    reason_text,
    scoped,
)
from luoshi.core.periods import today
from luoshi.indicators.api import StatusOut
from luoshi.investment import selectors, services
from luoshi.investment.models import (
    ChainLevel,
    ChainLink,
    ChainMember,
    IndustryChain,
    InvestmentProject,
    InvestmentState,
    InvestmentTarget,
    Method,
    Segment,
)
from luoshi.organisations.access import can_edit_targets, visible_enterprises
from luoshi.organisations.models import Organisation

router = Router(tags=["investment 招商引资"])

YEAR = {"ge": 2000, "le": 2100}
# The choices as plain string enums of the OpenAPI document (not separate, undocumented components).
StateName = Literal[tuple(InvestmentState.values)]
MethodName = Literal[tuple(Method.values)]
LevelName = Literal[tuple(ChainLevel.values)]
SegmentName = Literal[tuple(Segment.values)]
# An id a client sends in a body: a positive number a database column can hold.
ID = {"ge": 1, "le": 2**63 - 1}


# --- schemas -------------------------------------------------------------------------------------

class InvestmentProjectOut(Schema):
    """An attraction project (招商项目) of the ledger: investor, amount (亿元), chain link, method and where
    it stands on the way 线索 → 洽谈 → 签约 → 开工 → 投产 (or 终止)."""

    id: int
    organisation_id: int
    name: str
    investor: str
    amount: ExactDecimal | None = Field(description="投资额(亿元)")
    year_plan: ExactDecimal | None = Field(description="年度计划投资(亿元);开工转入重点项目库时带入")
    sector: str
    chain_id: int | None = Field(description="所属产业链")
    chain: str | None = Field(description="产业链名称")
    chain_link_id: int | None
    chain_link: str | None = Field(description="产业链环节名称")
    method: str = Field(description="招商方式: " + " / ".join(f"{v} {label}" for v, label in Method.choices))
    method_label: str
    responsible_unit_id: int | None = Field(description="责任单位")
    leader: str = Field(description="分包领导")
    state: str = Field(description=" / ".join(f"{v} {label}" for v, label in InvestmentState.choices))
    state_label: str
    lead_date: date = Field(description="线索日期")
    signed_date: date | None = Field(description="签约日期")
    start_date: date | None = Field(description="开工日期")
    production_date: date | None = Field(description="投产日期")
    pipeline_project_id: int | None = Field(description="开工后转入的重点项目编号")
    source: str
    is_synthetic: bool = Field(description="合成数据(演示用)")
    version: int = Field(description="版本;推进时作为 expected_version 传回")

    @staticmethod
    def resolve_chain_id(obj) -> int | None:
        return obj.chain_link.chain_id if obj.chain_link_id else None

    @staticmethod
    def resolve_chain(obj) -> str | None:
        return obj.chain_link.chain.name if obj.chain_link_id else None

    @staticmethod
    def resolve_chain_link(obj) -> str | None:
        return obj.chain_link.name if obj.chain_link_id else None

    resolve_method_label = choice_label("method")

    resolve_state_label = choice_label("state")


class InvestmentStepOut(Schema):
    """One move of an attraction project: who, when, from which state to which, and why."""

    at: datetime
    actor: str | None = Field(description="经办人用户名")
    action: str
    from_state: str
    to_state: str
    text: str = Field(description="说明,如终止原因")


class InvestmentActionOut(Schema):
    """A move the project's state allows next."""

    action: str
    label: str


class InvestmentDetailOut(InvestmentProjectOut):
    """One attraction project with its steps, the moves its state allows, and whether the user may make them."""

    steps: list[InvestmentStepOut]
    actions: list[InvestmentActionOut] = Field(description="当前状态下可进行的操作")
    can_keep: bool = Field(description="当前用户可维护该项目(登记、推进)")

    @staticmethod
    def resolve_steps(obj) -> list[dict]:
        return [{"at": s.at, "actor": s.actor.get_username() if s.actor else None, "action": s.action,
                 "from_state": s.from_state, "to_state": s.to_state, "text": s.text}
                for s in obj.steps.select_related("actor").order_by("id")]

    @staticmethod
    def resolve_actions(obj) -> list[dict]:
        return [{"action": a, "label": str(services.MACHINE.action_labels[a])}
                for a in services.MACHINE.actions_from(obj.state)]

    @staticmethod
    def resolve_can_keep(obj, context) -> bool:
        return can_edit_targets(context["request"].user, obj.organisation)


class LeadIn(Schema):
    """A new lead (招商线索) of a district; it starts in the 线索 state."""

    name: str = model_text(InvestmentProject, "name", description="项目名称,如“协鑫新能源储能产业集群”")
    investor: str = model_text(InvestmentProject, "investor", description="投资方,如“协鑫集团”")
    lead_date: DateIn = Field(description="线索日期")
    amount: NumberIn = Field(None, description="意向投资额(亿元),建议以字符串传递,如 \"300\"")
    year_plan: NumberIn = Field(None, description="年度计划投资(亿元),不大于投资额;开工转入重点项目库时带入")
    sector: str = model_text(InvestmentProject, "sector", "")
    method: MethodName = Field(Method.PRECISE.value, description="招商方式")
    chain_link_id: int | None = Field(None, **ID, description="产业链环节(须在您的查看范围内)")
    responsible_unit_id: int | None = Field(None, **ID, description="责任单位(须在您的查看范围内)")
    leader: str = model_text(InvestmentProject, "leader", "", description="分包领导")
    source: str = model_text(InvestmentProject, "source", "", description="来源,如文件名")


class InvestmentEditIn(Schema):
    """A correction of a record's facts (更正招商项目), as on the edit page: send only the fields to change
    (null clears an optional one). The dates of the steps already reached may be corrected; the state moves
    only through `/steps`. A change needs a `reason`, kept in the history with the old values; nothing
    changed, nothing saved."""

    name: str | None = model_text(InvestmentProject, "name", None, description="项目名称")
    investor: str | None = model_text(InvestmentProject, "investor", None, description="投资方")
    amount: NumberIn = Field(None, description="投资额(亿元),建议以字符串传递;已签约的项目不能清空")
    year_plan: NumberIn = Field(None, description="年度计划投资(亿元);null 清空")
    sector: str | None = model_text(InvestmentProject, "sector", None, description="行业")
    method: MethodName | None = Field(None, description="招商方式")
    chain_link_id: int | None = Field(None, **ID, description="产业链环节(本区产业链的环节;null 清空)")
    responsible_unit_id: int | None = Field(None, **ID, description="责任单位(本区单位;null 清空)")
    leader: str | None = model_text(InvestmentProject, "leader", None, description="分包领导")
    lead_date: DateIn | None = Field(None, description="线索日期")
    signed_date: DateIn | None = Field(None, description="签约日期(仅已签约的项目)")
    start_date: DateIn | None = Field(None, description="开工日期(仅已开工的项目)")
    production_date: DateIn | None = Field(None, description="投产日期(仅已投产的项目)")
    source: str | None = model_text(InvestmentProject, "source", None, description="来源")
    reason: str = reason_text(description="修订原因;有改动时必填")
    expected_version: int | None = Field(None, ge=1, le=2**31 - 1, description="所读到的版本;已被他人修改则返回409")


class InvestmentStepIn(Schema):
    """One move of the machine: negotiate 进入洽谈, sign 签约 (amount and date), start 开工 (date), produce 投产
    (date), drop 终止 (a reason in `text`)."""

    action: str = Field(max_length=20, description="negotiate / sign / start / produce / drop")
    when: DateIn | None = Field(None, description="签约、开工、投产日期")
    text: str = Field("", max_length=2000, description="说明;终止时必填")
    amount: NumberIn = Field(None, description="投资额(亿元);签约时须已有或在此填写")
    expected_version: int | None = Field(None, ge=1, le=2**31 - 1, description="所读到的版本;已被他人修改则返回409")


class InvestmentFilters(Schema):
    """Filters of the district's project list (left out = all)."""

    state: StateName | None = Field(None, description="状态")
    chain: int | None = Field(None, **ID, description="产业链 id")
    method: MethodName | None = Field(None, description="招商方式")
    year: int | None = Field(None, **YEAR, description="年度:线索、签约、开工或投产日期在该年的项目")


class FunnelRowOut(Schema):
    """Projects and money (亿元) of one stage, one method or one chain in the year."""

    key: str = Field(description="阶段(lead、signed、started、producing)、招商方式或产业链")
    label: str
    count: int
    amount: ExactDecimal = Field(description="投资额合计(亿元)")


class FunnelOut(Schema):
    """The year's attraction funnel (线索 → 签约 → 开工 → 投产), and what was signed by method and by chain."""

    organisation_id: int
    year: int
    stages: list[FunnelRowOut] = Field(description="当年登记线索、签约、开工、投产的项目")
    by_method: list[FunnelRowOut] = Field(description="当年签约项目按招商方式")
    by_chain: list[FunnelRowOut] = Field(description="当年签约项目按产业链(未归链单列)")
    dropped: int = Field(description="已终止的项目数(全部年度)")


class TargetProgressOut(Schema):
    """An annual attraction target (e.g. 签约总额不低于450亿元) against what is signed, with its status in words."""

    id: int
    organisation_id: int = Field(description="目标所属单位:区,或区内单位(如工信局)")
    year: int
    measure: str = Field(description="signed_count 新签约项目数 / signed_amount 签约总额 / sized_count 规模以上项目数"
                                     " / pipeline_investment 重点项目分领域完成投资")
    measure_label: str = Field(description="目标类型及行业、规模,如“规模以上项目数(工业,1亿元以上)”")
    wording: str = Field(description="目标原文,如“不低于450亿元”")
    value: ExactDecimal
    min_amount: ExactDecimal | None = Field(description="项目规模下限(亿元)")
    max_amount: ExactDecimal | None = Field(description="项目规模上限(亿元)")
    sector: str = Field("", description="行业/领域:只计行业含此词的签约项目;分领域完成投资为项目类别")
    version: int = Field(1, description="版本;修改时作为 expected_version 传回")
    achieved: ExactDecimal = Field(description="已完成:项目数、签约额或完成投资(亿元)")
    status: StatusOut


class AttractionTargetIn(Schema):
    """An attraction target as the documents word it; the rule is read from the wording (as in the ledger)."""

    year: int = Field(description="年度,2000—2100")
    measure: str = Field(max_length=30, description="signed_count / signed_amount / sized_count / pipeline_investment,或中文名称")
    wording: str = model_text(InvestmentTarget, "wording", description="目标原文,如“不少于150个”“确保完成投资53亿元以上”")
    min_amount: NumberIn = Field(None, description="项目规模下限(亿元),规模以上项目数必填,如“亿元以上”为 \"1\"")
    max_amount: NumberIn = Field(None, description="项目规模上限(亿元),如“50亿至100亿元”为 \"100\"")
    sector: str = model_text(InvestmentTarget, "sector", "", description="行业/领域,如“工业”;分领域完成投资填项目类别,如“基础设施”")
    unit_id: int | None = Field(None, description="区内单位的目标(如工信局)时填该单位 id;省略为区的目标", **ID)
    source: str = model_text(InvestmentTarget, "source", "")
    reason: str = reason_text(description="修改已有目标时必填")
    expected_version: int | None = Field(None, description="修改时填所读到的版本;已被他人修改则返回409")


class ChainOut(Schema):
    """An industry chain (产业链) with its 链长 and the enterprises on it."""

    id: int
    organisation_id: int
    organisation: str
    name: str
    level: str = Field(description="province 省级 / city 市级 / county 县级")
    level_label: str
    chain_leader: str = Field(description="链长")
    links: int = Field(description="环节数")
    enterprises: int = Field(description="链上企业数")
    masters: int = Field(description="链主企业数")


class LevelCountOut(Schema):
    """How many chains of one level."""

    level: str
    count: int


class ChainsOverviewOut(Schema):
    """The chains of an organisation (a city's includes its districts'), by level, and 链主 named against the target."""

    chains: list[ChainOut]
    by_level: list[LevelCountOut]
    masters: int = Field(description="已明确的链主企业数(按名称去重)")
    masters_target: int = Field(description="链主企业目标数")


class ChainMemberOut(Schema):
    """An enterprise present in a link; ★ 链主 when it anchors the chain."""

    id: int
    name: str
    enterprise_id: int | None
    is_chain_master: bool


class LinkStateOut(Schema):
    """One link of a chain and its gap: missing 补链 (no enterprise), weak 强链, extend 延链 (planned), strong 完整."""

    chain_id: int
    chain: str
    link_id: int
    segment: str = Field(description="upstream 上游 / midstream 中游 / downstream 下游")
    segment_label: str
    name: str
    planned: bool = Field(description="拟延伸环节")
    status: str = Field(description="missing 补链 / weak 强链 / extend 延链 / strong 完整")
    label: str
    reason: str = Field(description="为什么是这个状态")
    members: list[ChainMemberOut]


class LegendOut(Schema):
    """A status colour of the panorama."""

    label: str
    colour: str


class PanoramaOut(Schema):
    """One chain as the 产业链全景图: each link's status, and the tree a chart draws (chain → segment → link →
    enterprises)."""

    chain: ChainOut
    description: str
    links: list[LinkStateOut]
    tree: dict = Field(description="ECharts 树图数据")
    legend: list[LegendOut]


class ChainIn(Schema):
    """A new key chain (产业链) of the organisation, with its 链长 when already named."""

    name: str = model_text(IndustryChain, "name", description="产业链名称,如“食品”")
    level: LevelName = Field(ChainLevel.COUNTY.value, description="province 省级 / city 市级 / county 县级")
    chain_leader: str = model_text(IndustryChain, "chain_leader", "", description="链长,如“区长 张某”")
    description: str = model_text(IndustryChain, "description", "", description="说明")
    source: str = model_text(IndustryChain, "source", "", description="来源,如文件名")


class ChainLeaderIn(Schema):
    """Name the chain's 链长, or change the one named (a change needs a reason)."""

    chain_leader: str = model_text(IndustryChain, "chain_leader", description="链长,如“区长 张某”")
    reason: str = reason_text(description="更换已明确的链长时必填")


class ChainLinkIn(Schema):
    """A new link (环节) of the chain in its segment; `planned` marks a link to add (延链)."""

    segment: SegmentName = Field(description="upstream 上游 / midstream 中游 / downstream 下游")
    name: str = model_text(ChainLink, "name", description="环节名称,如“速冻食品”")
    planned: bool = Field(False, description="拟延伸环节(延链)")
    note: str = model_text(ChainLink, "note", "", description="说明")


class ChainLinkEditIn(Schema):
    """Rename a link or move it to another segment; the old name stays in the history with the reason."""

    segment: SegmentName = Field(description="upstream 上游 / midstream 中游 / downstream 下游")
    name: str = model_text(ChainLink, "name", description="环节名称")
    planned: bool | None = Field(None, description="拟延伸环节(延链);不传则不变")
    reason: str = reason_text(description="修改原因;有改动时必填")


class ChainMemberIn(Schema):
    """An enterprise present in a link: one of the enterprise register (`enterprise_id`, visible to you) or,
    when it is not registered, by `name` alone (a name the register knows is linked to it)."""

    enterprise_id: int | None = Field(None, **ID, description="企业库中的企业(须在您的查看范围内)")
    name: str = model_text(ChainMember, "name", "", description="企业名称;选择了企业库中的企业时可不填")
    is_chain_master: bool = Field(False, description="链主企业")
    source: str = model_text(ChainMember, "source", "", description="来源")


class ChainMasterIn(Schema):
    """Name an enterprise 链主 of its chain, or withdraw it (withdrawing needs a reason)."""

    is_chain_master: bool = Field(description="true 明确为链主 / false 取消链主")
    reason: str = reason_text(description="取消链主时必填")


class ChainMemberRemovalIn(Schema):
    """Take an enterprise off a link (moved away, closed, wrongly placed): the reason stays in the history."""

    reason: str = reason_text(..., description="移除原因,必填")


class BatchProjectOut(Schema):
    """A project of a batch, with the date of its event (签约、开工或投产日期)."""

    event_date: date = Field(description="该批次事件的日期")
    id: int
    name: str
    investor: str
    amount: ExactDecimal | None = Field(description="投资额(亿元)")
    chain: str | None = Field(description="产业链名称")
    chain_link: str | None = Field(description="产业链环节名称")
    responsible_unit: str | None = Field(description="责任单位")
    state: str
    state_label: str


class BatchOut(Schema):
    """One batch of a month: signed 签约一批, started 开工一批 or producing 投产一批, with its projects."""

    key: str = Field(description="signed 签约一批 / started 开工一批 / producing 投产一批")
    label: str
    count: int
    amount: ExactDecimal = Field(description="投资额合计(亿元)")
    projects: list[BatchProjectOut]


class BatchMonthOut(Schema):
    """A month's 三个一批 events: the days on which projects were signed, started or put into production,
    and the three batches."""

    month: int
    dates: list[date] = Field(description="当月有签约、开工或投产的日期")
    count: int = Field(description="当月三个批次的项目数之和")
    batches: list[BatchOut]


class BatchTotalOut(Schema):
    """The year's total of one kind of batch."""

    key: str = Field(description="signed / started / producing")
    label: str
    count: int
    amount: ExactDecimal = Field(description="投资额合计(亿元)")


class BatchEventsOut(Schema):
    """三个一批 (签约一批、开工一批、投产一批) of a district's year, month by month; a project counts in every
    batch it took part in (signed in March and started in June: in both)."""

    organisation_id: int
    year: int
    events: list[BatchMonthOut]
    totals: list[BatchTotalOut]


# --- helpers -------------------------------------------------------------------------------------

def _year(year: int | None) -> int:
    return year if year is not None else today().year


def _projects(request):
    return InvestmentProject.objects.for_user(request.user).select_related("chain_link__chain")


def _chain_row(chain) -> dict:
    return {"id": chain.pk, "organisation_id": chain.organisation_id, "organisation": str(chain.organisation),
            "name": chain.name, "level": chain.level, "level_label": str(chain.get_level_display()),
            "chain_leader": chain.chain_leader, "links": getattr(chain, "link_count", None) or 0,
            "enterprises": getattr(chain, "enterprises", None) or 0, "masters": getattr(chain, "masters", None) or 0}


def _link_row(state) -> dict:
    link = state.link
    return {"chain_id": link.chain_id, "chain": link.chain.name, "link_id": link.pk, "segment": link.segment,
            "segment_label": str(link.get_segment_display()), "name": link.name, "planned": link.planned,
            "status": state.status, "label": state.label, "reason": state.reason,
            "members": [{"id": m.pk, "name": m.name, "enterprise_id": m.enterprise_id,
                         "is_chain_master": m.is_chain_master} for m in state.members]}


def _rows(counts: dict) -> list[dict]:
    return [{"key": str(k), "label": str(k), "count": n, "amount": money} for k, (n, money) in counts.items()]


def _detail(request, pk: int):
    return _projects(request).select_related("organisation").get(pk=pk)


def _panorama(request, chain_id: int) -> dict:
    """One chain as the 全景图 (404 outside the user's scope)."""
    try:
        data = selectors.panorama(request.user, chain_id)
    except IndustryChain.DoesNotExist:
        raise Http404 from None
    c = data["chain"]
    row = _chain_row(c)
    row.update(links=len(data["states"]), enterprises=sum(len(s.members) for s in data["states"]),
               masters=sum(1 for s in data["states"] for m in s.members if m.is_chain_master))
    return {"chain": row, "description": c.description, "links": [_link_row(s) for s in data["states"]],
            "tree": data["tree"], "legend": [{"label": str(g["label"]), "colour": g["colour"]} for g in data["legend"]]}


def _link_out(link_id: int) -> dict:
    """A link as it now stands, with its enterprises and its gap."""
    link = ChainLink.objects.select_related("chain").get(pk=link_id)
    return _link_row(selectors.link_state(link, list(link.members.select_related("enterprise"))))


def _chain_link(request, link_id: int) -> ChainLink:
    return scoped(request, ChainLink.objects.select_related("chain__organisation"), pk=link_id)


def _chain_member(request, member_id: int) -> ChainMember:
    return scoped(request, ChainMember.objects.select_related("link__chain__organisation"), pk=member_id)


# --- the ledger ----------------------------------------------------------------------------------

# A write answers 201 with the project as it now stands (200 is declared as for every write of the API).
WRITTEN = {201: InvestmentDetailOut, 200: InvestmentDetailOut, **WRITE_ERRORS}


@router.get("/districts/{int:org_id}/projects", response={200: list[InvestmentProjectOut], **READ_ERRORS},
            summary="招商台账 Attraction projects of a district")
@paginate(Pagination)
def list_projects(request, org_id: int, filters: Query[InvestmentFilters]):
    """The district's projects the user may see, newest lead first, filtered by state, chain, method and year
    (a project belongs to a year when its lead, signing, start or production falls in it)."""
    org = scoped(request, Organisation, pk=org_id)
    projects = filter_given(_projects(request).filter(organisation=org), state=filters.state,
                            chain_link__chain__id=filters.chain, method=filters.method)
    if filters.year is not None:
        projects = selectors.of_year(projects, filters.year)
    return projects


@router.get("/projects/{int:project_id}", response={200: InvestmentDetailOut, **READ_ERRORS},
            summary="招商项目 One attraction project with its steps")
def project(request, project_id: int):
    """One project the user may see (404 otherwise), its steps from the lead on, and the moves its state allows."""
    return scoped(request, _projects(request).select_related("organisation"), pk=project_id)


@router.post("/districts/{int:org_id}/projects", response=WRITTEN,
             summary="登记招商线索 Register a lead")
def create_lead(request, org_id: int, payload: LeadIn):
    """Through `services.create_lead`, as the district's data staff do: 201 with the new project in the 线索
    state; 403 for a visible district whose ledger the user does not keep; 422 with the reasons."""
    org = scoped(request, Organisation, pk=org_id)
    fields = {"sector": payload.sector, "method": payload.method, "leader": payload.leader, "source": payload.source}
    if payload.chain_link_id is not None:
        fields["chain_link"] = scoped(request, ChainLink, pk=payload.chain_link_id)
    if payload.responsible_unit_id is not None:
        fields["responsible_unit"] = scoped(request, Organisation, pk=payload.responsible_unit_id)
    if payload.year_plan is not None:
        fields["year_plan"] = payload.year_plan
    created = services.create_lead(request.user, organisation=org, name=payload.name, investor=payload.investor,
                                   lead_date=payload.lead_date, amount=payload.amount, **fields)
    return Status(201, _detail(request, created.pk))


# The fields of `InvestmentEditIn` that name a fact directly, and those a null clears to "" (text facts).
EDITABLE = ("name", "investor", "sector", "method", "leader", "lead_date", "signed_date", "start_date",
            "production_date", "source")
BLANK_WHEN_NULL = ("sector", "leader", "source")


@router.post("/projects/{int:project_id}", response={200: InvestmentDetailOut, **WRITE_ERRORS},
             summary="更正招商项目 Correct the facts of a project")
def edit_project(request, project_id: int, payload: InvestmentEditIn):
    """Through `services.update_investment`, as on the edit page: only the fields sent change; a change needs
    a `reason` (422 otherwise, with every other refusal: a date of a step not reached, dates out of order, a
    signed project without its amount …); a stale `expected_version` answers 409 with the newer record; a
    visible project the user may not keep 403; another district's 404. 200 with the project as it now stands."""
    item = scoped(request, InvestmentProject.objects.select_related("organisation"), pk=project_id)
    if not services.can_keep(request.user, item):
        raise PermissionDenied(_("无权维护%(o)s的招商台账") % {"o": item.organisation})
    sent = payload.model_fields_set
    fields = {}
    for name in EDITABLE:
        if name in sent:
            value = getattr(payload, name)
            fields[name] = "" if value is None and name in BLANK_WHEN_NULL else value
    for name in ("amount", "year_plan"):
        if name in sent:
            fields[name] = getattr(payload, name)
    if "chain_link_id" in sent:
        fields["chain_link"] = None if payload.chain_link_id is None else \
            scoped(request, ChainLink.objects.select_related("chain"), pk=payload.chain_link_id)
    if "responsible_unit_id" in sent:
        fields["responsible_unit"] = None if payload.responsible_unit_id is None else \
            scoped(request, Organisation, pk=payload.responsible_unit_id)
    services.update_investment(request.user, item, reason=payload.reason, expected_version=payload.expected_version,
                               **fields)
    return _detail(request, item.pk)


@router.post("/projects/{int:project_id}/steps", response=WRITTEN,
             summary="推进招商项目 Move a project (negotiate, sign, start, produce, drop)")
def move(request, project_id: int, payload: InvestmentStepIn):
    """Through `services.transition`: 201 with the project and its new step; a move the state or the rules
    refuse answers 422 with every reason (e.g. 签约须填写投资额), a stale `expected_version` 409, and a visible
    project the user may not keep 403."""
    item = scoped(request, InvestmentProject.objects.select_related("organisation"), pk=project_id)
    services.transition(request.user, item, payload.action, when=payload.when, text=payload.text,
                        amount=payload.amount, expected_version=payload.expected_version)
    return Status(201, _detail(request, item.pk))


@router.get("/districts/{int:org_id}/funnel", response={200: FunnelOut, **READ_ERRORS},
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
                               reason=payload.reason, expected_version=payload.expected_version)
    row = next(r for r in selectors.target_progress(request.user, org, saved.year) if r["target"].pk == saved.pk)
    return Status(200 if existed else 201, _target_row(row))


@router.get("/districts/{int:org_id}/batches", response={200: BatchEventsOut, **READ_ERRORS},
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


# --- the industry chains -------------------------------------------------------------------------

@router.get("/organisations/{int:org_id}/chains", response={200: ChainsOverviewOut, **READ_ERRORS},
            summary="产业链总览 The chains of an organisation and their 链主")
def chains(request, org_id: int):
    """The chains of the organisation (and, for the city, of its districts) with their links and enterprises,
    counted by level, and the 链主 enterprises named against the target."""
    org = scoped(request, Organisation, pk=org_id)
    data = selectors.chains_overview(request.user, org)
    return {"chains": [_chain_row(c) for c in data["chains"]],
            "by_level": [{"level": str(label), "count": n} for label, n in data["by_level"].items()],
            "masters": data["masters"], "masters_target": data["masters_target"]}


@router.get("/chains/{int:chain_id}", response={200: PanoramaOut, **READ_ERRORS},
            summary="产业链全景图 One chain, link by link")
def chain(request, chain_id: int):
    """Every link of the chain by segment with its enterprises and its gap (补链、强链、延链) in words."""
    return _panorama(request, chain_id)


@router.get("/organisations/{int:org_id}/map", response={200: list[LinkStateOut], **READ_ERRORS},
            summary="招商地图 The gaps of the chains: links to fill, strengthen or add")
def investment_map(request, org_id: int):
    """Every missing (补链), weak (强链) or planned (延链) link of the organisation's chains the user may see,
    by chain; for the city, of all its chains."""
    org = scoped(request, Organisation, pk=org_id)
    return [_link_row(s) for s in selectors.investment_map(request.user, None if org.parent_id is None else org)]


# --- editing a chain, as on the chain page: by the keepers of the chain's organisation ----------------
# Each write checks `can_edit_targets` on the chain's organisation in the service (403 for a visible chain
# the user may not keep); a chain, link, member or enterprise outside the user's scope answers 404.

@router.post("/organisations/{int:org_id}/chains", response={201: PanoramaOut, 200: PanoramaOut, **WRITE_ERRORS},
             summary="新建产业链 Add a key chain")
def create_chain(request, org_id: int, payload: ChainIn):
    """Through `services.create_chain`: 201 with the new chain's panorama; 422 for a name the organisation
    already has, or an empty one; 403 for a visible organisation whose chains the user does not keep."""
    org = scoped(request, Organisation, pk=org_id)
    created = services.create_chain(request.user, organisation=org, name=payload.name, level=payload.level,
                                    chain_leader=payload.chain_leader, description=payload.description,
                                    source=payload.source)
    return Status(201, _panorama(request, created.pk))


@router.post("/chains/{int:chain_id}/leader", response={200: PanoramaOut, **WRITE_ERRORS},
             summary="明确或更换链长 Name or change the chain leader")
def set_chain_leader(request, chain_id: int, payload: ChainLeaderIn):
    """Through `services.set_chain_leader`: naming the first 链长 needs no reason, changing one does (422)."""
    item = scoped(request, IndustryChain.objects.select_related("organisation"), pk=chain_id)
    services.set_chain_leader(request.user, item, payload.chain_leader, payload.reason)
    return _panorama(request, item.pk)


@router.post("/chains/{int:chain_id}/links", response={201: LinkStateOut, 200: LinkStateOut, **WRITE_ERRORS},
             summary="新增产业链环节 Add a link to a chain")
def add_link(request, chain_id: int, payload: ChainLinkIn):
    """Through `services.add_link`: 201 with the new link (at the end of its segment) and its gap; 422 for a
    name the chain already has."""
    item = scoped(request, IndustryChain.objects.select_related("organisation"), pk=chain_id)
    link = services.add_link(request.user, item, segment=payload.segment, name=payload.name,
                             planned=payload.planned, note=payload.note)
    return Status(201, _link_out(link.pk))


@router.post("/chain-links/{int:link_id}", response={200: LinkStateOut, **WRITE_ERRORS},
             summary="修改产业链环节 Rename a link or move it to another segment")
def update_link(request, link_id: int, payload: ChainLinkEditIn):
    """Through `services.update_link`: a change needs a reason (422), kept in the history with the old name."""
    link = _chain_link(request, link_id)
    services.update_link(request.user, link, name=payload.name, segment=payload.segment, planned=payload.planned,
                         reason=payload.reason)
    return _link_out(link.pk)


@router.post("/chain-links/{int:link_id}/members", response={201: LinkStateOut, 200: LinkStateOut, **WRITE_ERRORS},
             summary="新增链上企业 Add an enterprise to a link")
def add_member(request, link_id: int, payload: ChainMemberIn):
    """Through `services.add_member`: 201 with the link and its enterprises; an enterprise of the register
    outside the user's scope answers 404, one already on the link 422."""
    link = _chain_link(request, link_id)
    enterprise = None
    if payload.enterprise_id is not None:
        enterprise = get_object_or_404(visible_enterprises(request.user), pk=payload.enterprise_id)
    services.add_member(request.user, link, name=payload.name, enterprise=enterprise,
                        is_chain_master=payload.is_chain_master, source=payload.source)
    return Status(201, _link_out(link.pk))


@router.post("/chain-members/{int:member_id}/master", response={200: LinkStateOut, **WRITE_ERRORS},
             summary="明确或取消链主 Name or withdraw a chain master")
def set_chain_master(request, member_id: int, payload: ChainMasterIn):
    """Through `services.set_chain_master`: withdrawing a 链主 needs a reason (422); 200 with the link."""
    member = _chain_member(request, member_id)
    services.set_chain_master(request.user, member, payload.is_chain_master, payload.reason)
    return _link_out(member.link_id)


@router.post("/chain-members/{int:member_id}/removal", response={200: LinkStateOut, **WRITE_ERRORS},
             summary="移除链上企业 Take an enterprise off a link")
def remove_member(request, member_id: int, payload: ChainMemberRemovalIn):
    """Through `services.remove_member`: the reason is required (422) and stays in the history with who
    removed it; 200 with the link as it now stands."""
    member = _chain_member(request, member_id)
    link_id = member.link_id
    services.remove_member(request.user, member, payload.reason)
    return _link_out(link_id)
