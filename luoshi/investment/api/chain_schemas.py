"""Schemas of the industry chains (链长制): the overview, the panorama (产业链全景图) link by link, and the
edits of a chain as on the chain page."""
from ninja import Field, Schema

from luoshi.core.apitools import expected_version_field, model_text, reason_text
from luoshi.investment.api.schemas import ID, LevelName, SegmentName
from luoshi.investment.models import ChainLevel, ChainLink, ChainMember, IndustryChain


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
    version: int = Field(description="版本(其最新修改记录的编号);修改时作为 expected_version 传回")


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
    version: int = Field(description="版本(其最新修改记录的编号);修改时作为 expected_version 传回")
    members: list[ChainMemberOut]


class LegendOut(Schema):
    """A status colour of the panorama."""

    label: str
    colour: str


class PanoramaOut(Schema):
    """One chain as the 产业链全景图: each link's status, and the tree a chart draws (chain → segment → link →
    enterprises)."""

    chain: ChainOut
    version: int = Field(description="产业链的版本(其最新修改记录的编号);更换链长时作为 expected_version 传回")
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
    expected_version: int = expected_version_field(first_entry=False)


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
    expected_version: int = expected_version_field(first_entry=False)


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
    expected_version: int = expected_version_field(first_entry=False)


class ChainMemberRemovalIn(Schema):
    """Take an enterprise off a link (moved away, closed, wrongly placed): the reason stays in the history."""

    reason: str = reason_text(..., description="移除原因,必填")
