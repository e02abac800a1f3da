"""The industry chains (链长制): the overview, one chain's panorama (产业链全景图) and the 招商地图; and the
editing of a chain (链长, links, enterprises, 链主) as on the chain page."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Status

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS
from luoshi.core.apitools import scoped
from luoshi.core.records import history_version
from luoshi.investment import selectors, services
from luoshi.investment.api.base import router
from luoshi.investment.api.chain_schemas import (
    ChainIn,
    ChainLeaderIn,
    ChainLinkEditIn,
    ChainLinkIn,
    ChainMasterIn,
    ChainMemberIn,
    ChainMemberRemovalIn,
    ChainsOverviewOut,
    LinkStateOut,
    PanoramaOut,
)
from luoshi.investment.models import ChainLink, ChainMember, IndustryChain
from luoshi.organisations.access import visible_enterprises
from luoshi.organisations.models import Organisation


def _chain_row(chain) -> dict:
    return {"id": chain.pk, "organisation_id": chain.organisation_id, "organisation": str(chain.organisation),
            "name": chain.name, "level": chain.level, "level_label": str(chain.get_level_display()),
            "chain_leader": chain.chain_leader, "links": getattr(chain, "link_count", None) or 0,
            "enterprises": getattr(chain, "enterprises", None) or 0, "masters": getattr(chain, "masters", None) or 0}


def _link_row(state) -> dict:
    link = state.link
    return {"chain_id": link.chain_id, "chain": link.chain.name, "link_id": link.pk, "segment": link.segment,
            "segment_label": str(link.get_segment_display()), "name": link.name, "planned": link.planned,
            "status": state.status, "label": state.label, "reason": state.reason, "version": history_version(link),
            "members": [{"id": m.pk, "name": m.name, "enterprise_id": m.enterprise_id,
                         "is_chain_master": m.is_chain_master, "version": history_version(m)} for m in state.members]}


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
    return {"chain": row, "version": history_version(c), "description": c.description,
            "links": [_link_row(s) for s in data["states"]],
            "tree": data["tree"], "legend": [{"label": str(g["label"]), "colour": g["colour"]} for g in data["legend"]]}


def _link_out(link_id: int) -> dict:
    """A link as it now stands, with its enterprises and its gap."""
    link = ChainLink.objects.select_related("chain").get(pk=link_id)
    return _link_row(selectors.link_state(link, list(link.members.select_related("enterprise"))))


def _chain_link(request, link_id: int) -> ChainLink:
    return scoped(request, ChainLink.objects.select_related("chain__organisation"), pk=link_id)


def _chain_member(request, member_id: int) -> ChainMember:
    return scoped(request, ChainMember.objects.select_related("link__chain__organisation"), pk=member_id)


@router.get("/organisations/{int:org_id}/chains", response={200: ChainsOverviewOut, **READ_ERRORS},
            operation_id="luoshi_investment_api_chains",
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
            operation_id="luoshi_investment_api_chain",
            summary="产业链全景图 One chain, link by link")
def chain(request, chain_id: int):
    """Every link of the chain by segment with its enterprises and its gap (补链、强链、延链) in words."""
    return _panorama(request, chain_id)


@router.get("/organisations/{int:org_id}/map", response={200: list[LinkStateOut], **READ_ERRORS},
            operation_id="luoshi_investment_api_investment_map",
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
             operation_id="luoshi_investment_api_create_chain",
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
             operation_id="luoshi_investment_api_set_chain_leader",
             summary="明确或更换链长 Name or change the chain leader")
def set_chain_leader(request, chain_id: int, payload: ChainLeaderIn):
    """Through `services.set_chain_leader`: naming the first 链长 needs no reason, changing one does (422);
    `expected_version` is the panorama's `version` read, a stale one answers 409 with the newer chain."""
    item = scoped(request, IndustryChain.objects.select_related("organisation"), pk=chain_id)
    services.set_chain_leader(request.user, item, payload.chain_leader, payload.reason,
                              expected_version=payload.expected_version)
    return _panorama(request, item.pk)


@router.post("/chains/{int:chain_id}/links", response={201: LinkStateOut, 200: LinkStateOut, **WRITE_ERRORS},
             operation_id="luoshi_investment_api_add_link",
             summary="新增产业链环节 Add a link to a chain")
def add_link(request, chain_id: int, payload: ChainLinkIn):
    """Through `services.add_link`: 201 with the new link (at the end of its segment) and its gap; 422 for a
    name the chain already has."""
    item = scoped(request, IndustryChain.objects.select_related("organisation"), pk=chain_id)
    link = services.add_link(request.user, item, segment=payload.segment, name=payload.name,
                             planned=payload.planned, note=payload.note)
    return Status(201, _link_out(link.pk))


@router.post("/chain-links/{int:link_id}", response={200: LinkStateOut, **WRITE_ERRORS},
             operation_id="luoshi_investment_api_update_link",
             summary="修改产业链环节 Rename a link or move it to another segment")
def update_link(request, link_id: int, payload: ChainLinkEditIn):
    """Through `services.update_link`: a change needs a reason (422), kept in the history with the old name;
    a stale `expected_version` (the link's `version` read) answers 409 with the newer link."""
    link = _chain_link(request, link_id)
    services.update_link(request.user, link, name=payload.name, segment=payload.segment, planned=payload.planned,
                         reason=payload.reason, expected_version=payload.expected_version)
    return _link_out(link.pk)


@router.post("/chain-links/{int:link_id}/members", response={201: LinkStateOut, 200: LinkStateOut, **WRITE_ERRORS},
             operation_id="luoshi_investment_api_add_member",
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
             operation_id="luoshi_investment_api_set_chain_master",
             summary="明确或取消链主 Name or withdraw a chain master")
def set_chain_master(request, member_id: int, payload: ChainMasterIn):
    """Through `services.set_chain_master`: withdrawing a 链主 needs a reason (422); 200 with the link; a
    stale `expected_version` (the member's `version` read) answers 409 with the newer record."""
    member = _chain_member(request, member_id)
    services.set_chain_master(request.user, member, payload.is_chain_master, payload.reason,
                              expected_version=payload.expected_version)
    return _link_out(member.link_id)


@router.post("/chain-members/{int:member_id}/removal", response={200: LinkStateOut, **WRITE_ERRORS},
             operation_id="luoshi_investment_api_remove_member",
             summary="移除链上企业 Take an enterprise off a link")
def remove_member(request, member_id: int, payload: ChainMemberRemovalIn):
    """Through `services.remove_member`: the reason is required (422) and stays in the history with who
    removed it; 200 with the link as it now stands."""
    member = _chain_member(request, member_id)
    link_id = member.link_id
    services.remove_member(request.user, member, payload.reason)
    return _link_out(link_id)
