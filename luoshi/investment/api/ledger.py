"""The ledger (招商台账) of a district: its projects, one project with its steps, new leads, corrections
of a record's facts and moves of the lead-to-production machine, through the same services as the pages."""
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Status
from ninja.pagination import paginate

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS
from luoshi.core.apitools import Pagination, filter_given, scoped
from luoshi.investment import selectors, services
from luoshi.investment.api.base import router
from luoshi.investment.api.schemas import (
    InvestmentDetailOut,
    InvestmentEditIn,
    InvestmentFilters,
    InvestmentProjectOut,
    InvestmentStepIn,
    LeadIn,
)
from luoshi.investment.models import ChainLink, InvestmentProject
from luoshi.organisations.models import Organisation

# A write answers 201 with the project as it now stands (200 is declared as for every write of the API).
WRITTEN = {201: InvestmentDetailOut, 200: InvestmentDetailOut, **WRITE_ERRORS}


def _projects(request):
    return InvestmentProject.objects.for_user(request.user).select_related("chain_link__chain")


def _detail(request, pk: int):
    return _projects(request).select_related("organisation").get(pk=pk)


@router.get("/districts/{int:org_id}/projects", response={200: list[InvestmentProjectOut], **READ_ERRORS},
            operation_id="luoshi_investment_api_list_projects",
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
            operation_id="luoshi_investment_api_project",
            summary="招商项目 One attraction project with its steps")
def project(request, project_id: int):
    """One project the user may see (404 otherwise), its steps from the lead on, and the moves its state allows."""
    return scoped(request, _projects(request).select_related("organisation"), pk=project_id)


@router.post("/districts/{int:org_id}/projects", response=WRITTEN,
             operation_id="luoshi_investment_api_create_lead",
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
             operation_id="luoshi_investment_api_edit_project",
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
             operation_id="luoshi_investment_api_move",
             summary="推进招商项目 Move a project (negotiate, sign, start, produce, drop)")
def move(request, project_id: int, payload: InvestmentStepIn):
    """Through `services.transition`: 201 with the project and its new step; a move the state or the rules
    refuse answers 422 with every reason (e.g. 签约须填写投资额), a stale `expected_version` 409, and a visible
    project the user may not keep 403."""
    item = scoped(request, InvestmentProject.objects.select_related("organisation"), pk=project_id)
    services.transition(request.user, item, payload.action, when=payload.when, text=payload.text,
                        amount=payload.amount, expected_version=payload.expected_version)
    return Status(201, _detail(request, item.pk))
