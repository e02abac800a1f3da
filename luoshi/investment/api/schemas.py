"""Schemas of the attraction ledger: projects, their steps and moves, leads and corrections, the funnel,
the targets and the 三个一批 batches; the choices as plain string enums of the OpenAPI document."""
from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from luoshi.core.api_errors import NumberIn
from luoshi.core.apitools import (
    DateIn,
    ExactDecimal,
    StatusOut,
    choice_label,
    expected_version_field,
    model_text,
    reason_text,
    source_file_out,
    source_out,
    source_resolvers,
)
from luoshi.investment import services
from luoshi.investment.models import ChainLevel, InvestmentProject, InvestmentState, InvestmentTarget, Method, Segment
from luoshi.organisations.access import can_edit_targets

YEAR = {"ge": 2000, "le": 2100}
# The choices as plain string enums of the OpenAPI document (not separate, undocumented components).
StateName = Literal[tuple(InvestmentState.values)]
MethodName = Literal[tuple(Method.values)]
LevelName = Literal[tuple(ChainLevel.values)]
SegmentName = Literal[tuple(Segment.values)]
# An id a client sends in a body: a positive number a database column can hold.
ID = {"ge": 1, "le": 2**63 - 1}


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
    source: str = source_out()
    source_file: str = source_file_out()
    is_synthetic: bool = Field(description="合成数据(演示用)")
    version: int = Field(description="版本;推进时作为 expected_version 传回")

    resolve_source, resolve_source_file = source_resolvers()

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
    actor: str | None = Field(description="经办人的姓名和职务(系统办理时为空)")
    actor_id: int | None = Field(description="经办人的用户编号")
    action: str
    label: str = Field(description="所做的事,如“签约”“开工”")
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
        from luoshi.investment.selectors import project_steps

        return [{"at": s.step.at, "actor": s.actor if s.step.actor_id else None, "actor_id": s.step.actor_id,
                 "action": s.step.action, "label": s.label, "from_state": s.step.from_state,
                 "to_state": s.step.to_state, "text": s.step.text} for s in project_steps(obj)]

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
    expected_version: int = expected_version_field(first_entry=False)


class InvestmentStepIn(Schema):
    """One move of the machine: negotiate 进入洽谈, sign 签约 (amount and date), start 开工 (date), produce 投产
    (date), drop 终止 (a reason in `text`)."""

    action: str = Field(max_length=20, description="negotiate / sign / start / produce / drop")
    when: DateIn | None = Field(None, description="签约、开工、投产日期")
    text: str = Field("", max_length=2000, description="说明;终止时必填")
    amount: NumberIn = Field(None, description="投资额(亿元);签约时须已有或在此填写")
    expected_version: int = expected_version_field(first_entry=False)


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
    measure_label: str = Field(description="目标类型及行业、规模,如“规模以上项目数（工业，1亿元以上）”")
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
    measure: str = Field(max_length=30, description="signed_count / signed_amount / sized_count / pipeline_investment,"
                                                    "或中文名称")
    wording: str = model_text(InvestmentTarget, "wording", description="目标原文,如“不少于150个”"
                                                                       "“确保完成投资53亿元以上”")
    min_amount: NumberIn = Field(None, description="项目规模下限(亿元),规模以上项目数必填,如“亿元以上”为 \"1\"")
    max_amount: NumberIn = Field(None, description="项目规模上限(亿元),如“50亿至100亿元”为 \"100\"")
    sector: str = model_text(InvestmentTarget, "sector", "", description="行业/领域,如“工业”;分领域完成投资填项目类别,"
                                                                         "如“基础设施”")
    unit_id: int | None = Field(None, description="区内单位的目标(如工信局)时填该单位 id;省略为区的目标", **ID)
    source: str = model_text(InvestmentTarget, "source", "")
    reason: str = reason_text(description="修改已有目标时必填")
    expected_version: int | None = expected_version_field()


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
