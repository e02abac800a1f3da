"""Reads of the industry chains: the panorama (产业链全景图), the gaps that make the 招商地图, and the
city's view of its chains and 链主."""
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from luoshi.core.params import filter_id, filter_year
from luoshi.core.periods import today
from luoshi.investment.models import ChainLevel, ChainLink, ChainMember, IndustryChain, Segment
from luoshi.organisations.models import DISTRICT_KINDS

MISSING, WEAK, EXTEND, STRONG = "missing", "weak", "extend", "strong"


def status_labels() -> dict:
    return {MISSING: _("补链"), WEAK: _("强链"), EXTEND: _("延链"), STRONG: _("完整")}


@dataclass
class LinkState:
    link: ChainLink
    members: list[ChainMember]
    status: str
    reason: str

    @property
    def label(self) -> str:
        return status_labels()[self.status]


def weak_below() -> int:
    return int(settings.LUOSHI.get("WEAK_LINK_MIN_ENTERPRISES", 3))


def link_state(link: ChainLink, members: list[ChainMember]) -> LinkState:
    """Missing: no enterprise; extension: planned and not yet present; weak: fewer than the setting and
    no anchor; else complete — each with the reason in words."""
    n, masters = len(members), [m for m in members if m.is_chain_master]
    if n == 0 and link.planned:
        return LinkState(link, members, EXTEND, _("拟延伸环节，本地尚无企业"))
    if n == 0:
        return LinkState(link, members, MISSING, _("本地尚无企业，需补链招商"))
    if n < weak_below() and not masters:
        return LinkState(link, members, WEAK, _("仅%(n)d家企业且无链主，需强链") % {"n": n})
    return LinkState(link, members, STRONG, _("%(n)d家企业%(m)s") % {
        "n": n, "m": _("，链主：%(m)s") % {"m": "、".join(m.name for m in masters)} if masters else ""})


def _chains(user):
    return IndustryChain.objects.for_user(user).select_related("organisation").prefetch_related(
        Prefetch("links", ChainLink.objects.prefetch_related(
            Prefetch("members", ChainMember.objects.select_related("enterprise")))))


def chain_states(chain: IndustryChain) -> list[LinkState]:
    return [link_state(link, list(link.members.all())) for link in chain.links.all()]


def panorama(user, chain_id: int) -> dict:
    """One chain as the 全景图 tree (chain → segment → link → enterprises) with each link's status."""
    chain = _chains(user).get(pk=chain_id)
    states = chain_states(chain)
    colours = {MISSING: "#d7263d", WEAK: "#f08a24", EXTEND: "#7c3aed", STRONG: "#2f8f5b"}
    tree: dict = {"name": chain.name, "children": []}
    for segment, label in Segment.choices:
        node: dict = {"name": str(label), "children": []}
        for s in (s for s in states if s.link.segment == segment):
            node["children"].append({
                "name": f"{s.link.name}({s.label})", "itemStyle": {"color": colours[s.status]},
                "children": [{"name": ("★" if m.is_chain_master else "") + m.name} for m in s.members]})
        tree["children"].append(node)
    return {"chain": chain, "states": states, "tree": tree, "legend": [
        {"label": status_labels()[k], "colour": c, "key": f"link-{k}"} for k, c in colours.items()]}


def investment_map(user, organisation=None) -> list[LinkState]:
    """招商地图: every missing, weak or planned link of the chains the user may see, by chain."""
    chains = _chains(user)
    if organisation is not None:
        chains = chains.filter(organisation=organisation)
    return [s for chain in chains for s in chain_states(chain) if s.status != STRONG]


def chains_overview(user, organisation=None) -> dict:
    """Counts by level, 链主 named against the target, and enterprises per chain."""
    chains = IndustryChain.objects.for_user(user).select_related("organisation")
    if organisation is not None:
        chains = chains.filter(Q(organisation=organisation) | Q(organisation__parent=organisation))
    chains = chains.annotate(
        enterprises=Count("links__members", distinct=True),
        masters=Count("links__members", filter=Q(links__members__is_chain_master=True), distinct=True),
        link_count=Count("links", distinct=True))
    by_level = {label: 0 for _v, label in ChainLevel.choices}
    for c in chains:
        by_level[c.get_level_display()] += 1
    master_names = set(ChainMember.objects.filter(link__chain__in=chains, is_chain_master=True)
                       .values_list("name", flat=True))
    return {"chains": list(chains), "by_level": by_level, "masters": len(master_names),
            "masters_target": int(settings.LUOSHI.get("CHAIN_MASTER_TARGET", 50))}


# --- the investment ledger -----------------------------------------------------------------------

def _signed_in(projects, year: int):
    return [p for p in projects if p.signed_date and p.signed_date.year == year]


def funnel(user, organisation, year: int) -> dict:
    """Leads → signed → started → producing this year (counts and money), and signed by method and chain."""
    from luoshi.investment.models import InvestmentProject, InvestmentState, Method

    projects = list(InvestmentProject.objects.for_user(user).filter(organisation=organisation)
                    .select_related("chain_link__chain"))
    money = lambda items: sum((p.amount or Decimal(0) for p in items), Decimal(0))  # noqa: E731
    stages = [
        (_("线索"), [p for p in projects if p.lead_date.year == year]),
        (_("签约"), _signed_in(projects, year)),
        (_("开工"), [p for p in projects if p.start_date and p.start_date.year == year]),
        (_("投产"), [p for p in projects if p.production_date and p.production_date.year == year]),
    ]
    signed = _signed_in(projects, year)
    by_method: dict = {}
    by_chain: dict = {}
    for p in signed:
        by_method.setdefault(p.get_method_display(), []).append(p)
        by_chain.setdefault(p.chain_link.chain.name if p.chain_link else _("未归链"), []).append(p)
    return {"stages": [{"label": label, "count": len(items), "amount": money(items)} for label, items in stages],
            "by_method": {k: (len(v), money(v)) for k, v in by_method.items()},
            "by_chain": {k: (len(v), money(v)) for k, v in by_chain.items()},
            "dropped": sum(1 for p in projects if p.state == InvestmentState.DROPPED),
            "methods": dict(Method.choices)}


def target_progress(user, organisation, year: int, as_of=None) -> list[dict]:
    """Each attraction target of the organisation with its achieved value and the ledger's status in words
    (时间过半、任务过半). A district's targets count its projects; a unit's, those it is responsible for."""
    from luoshi.investment.models import InvestmentProject, InvestmentTarget

    as_of = as_of or today()
    projects = InvestmentProject.objects.for_user(user).filter(signed_date__lte=as_of)
    if organisation.kind in DISTRICT_KINDS:
        projects = projects.filter(organisation=organisation)
    else:
        projects = projects.filter(responsible_unit=organisation)
    targets = InvestmentTarget.objects.for_user(user).filter(organisation=organisation, year=year)
    return progress_of(targets, projects, year, as_of, pipeline=lambda sector: _pipeline_completed(
        user, organisation, year, as_of, sector))


def _pipeline_completed(user, organisation, year: int, as_of, sector: str) -> Decimal:
    """Completed investment this year of the district's major projects of one category (重点项目 roll-up)."""
    from luoshi.projects import selectors as pipeline

    month = 12 if as_of.year > year else max(1, pipeline.reported_month(as_of))
    rows = pipeline.rollup(user, organisation, year, by="category", month=month)["rows"]
    return next((r.completed for r in rows if str(r.label) == sector), Decimal(0))


def matching(target, projects: list) -> list:
    """The signed projects a target counts: of its sector (the project's 行业 contains it) and size band."""
    out = [p for p in projects if not target.sector or target.sector in (p.sector or "")]
    if target.min_amount is not None:
        out = [p for p in out if p.amount is not None and p.amount >= target.min_amount
               and (target.max_amount is None or p.amount <= target.max_amount)]
    return out


def progress_of(targets, signed_projects, year: int, as_of, pipeline=None) -> list[dict]:
    """The arithmetic of `target_progress` for targets and projects the caller has already scoped;
    `pipeline(sector)` gives a category's completed investment for the pipeline's floors."""
    from luoshi.core.periods import Period
    from luoshi.indicators.selectors import completion_status
    from luoshi.investment.models import Measure
    from luoshi.investment.targets import UNITS

    signed = _signed_in(signed_projects, year)
    period = Period(year, 12 if as_of.year > year else as_of.month)
    out = []
    for t in targets:
        counted = matching(t, signed)
        if t.measure == Measure.PIPELINE_INVESTMENT:
            achieved = pipeline(t.sector) if pipeline else Decimal(0)
        elif t.measure == Measure.SIGNED_AMOUNT:
            achieved = sum((p.amount or Decimal(0) for p in counted), Decimal(0))
        else:
            achieved = Decimal(len(counted))
        out.append({"target": t, "achieved": achieved, "label": t.label(),
                    "status": completion_status(t, achieved, period, UNITS[t.measure])})
    return out


def status_on(target, on):
    """An investment target's status on a day, counting the projects its organisation signed by then
    (a work plan task measured by the target)."""
    return statuses_on([target], on)[target.pk]


def statuses_on(targets, on) -> dict:
    """`status_on` of many targets by id, the signed projects read once per organisation."""
    from luoshi.investment.models import InvestmentProject

    by_organisation: dict[int, list] = {}
    for target in targets:
        by_organisation.setdefault(target.organisation_id, []).append(target)
    out = {}
    for organisation_id, theirs in by_organisation.items():
        signed = list(InvestmentProject.objects.filter(organisation_id=organisation_id, signed_date__lte=on))
        for target in theirs:
            out[target.pk] = progress_of([target], signed, target.year, on)[0]["status"]
    return out


def opening_year(user, organisation) -> int:
    """The year the district's investment pages open on (`periods.opening_year` over its leads, signings
    and targets)."""
    from django.db.models.functions import ExtractYear

    from luoshi.core.periods import opening_year as rule
    from luoshi.investment.models import InvestmentProject, InvestmentTarget

    projects = InvestmentProject.objects.for_user(user).filter(organisation=organisation)
    years = set(projects.annotate(y=ExtractYear("lead_date")).values_list("y", flat=True).distinct())
    years |= set(projects.filter(signed_date__isnull=False).annotate(y=ExtractYear("signed_date"))
                 .values_list("y", flat=True).distinct())
    years |= set(InvestmentTarget.objects.for_user(user).filter(organisation=organisation)
                 .values_list("year", flat=True).distinct())
    return rule(years)


def dashboard_panel(organisation, user):
    """The one-screen panel: the year's leads, signed projects and money against the targets (the year the
    investment pages open on)."""
    from django.urls import reverse

    from luoshi.core.registry import Figure, Panel
    from luoshi.core.units import fmt
    from luoshi.organisations.models import DISTRICT_KINDS

    if organisation.kind not in DISTRICT_KINDS:
        return None
    year = opening_year(user, organisation)
    f = funnel(user, organisation, year)
    url = reverse("investment:ledger", args=[organisation.pk]) + f"?year={year}"
    stages = {s["label"]: s for s in f["stages"]}
    signed = stages[_("签约")]
    return Panel("investment", _("招商引资(%(y)d年)") % {"y": year}, figures=[
        Figure(_("线索"), str(stages[_("线索")]["count"]), url),
        Figure(_("签约项目"), str(signed["count"]), url),
        Figure(_("签约额(亿元)"), fmt(signed["amount"], places=2), url)],
        items=[Figure(f"{t['target'].get_measure_display()} {t['target'].wording}", str(t["status"].label), url)
               for t in target_progress(user, organisation, year)])



# --- 三个一批 (签约一批、开工一批、投产一批) ------------------------------------------------------------

BATCH_KINDS = (("signed", "signed_date"), ("started", "start_date"), ("producing", "production_date"))


def batch_labels() -> dict:
    return {"signed": _("签约一批"), "started": _("开工一批"), "producing": _("投产一批")}


def batch_events(user, organisation, year: int) -> dict:
    """The year's 三个一批 events of a district: the projects signed, started and put into production,
    grouped by the month of the event (the model keeps each step's date, so a batch is the month's
    projects), with the counts and 亿元 totals of each batch and of the year. A project counts in every
    batch it took part in (signed in March and started in June: in both)."""
    from luoshi.investment.models import InvestmentProject

    labels = batch_labels()
    projects = list(InvestmentProject.objects.for_user(user).filter(organisation=organisation)
                    .filter(Q(signed_date__year=year) | Q(start_date__year=year) | Q(production_date__year=year))
                    .select_related("chain_link__chain", "responsible_unit").order_by("name", "id"))
    money = lambda items: sum((p.amount or Decimal(0) for p in items), Decimal(0))  # noqa: E731
    months: dict = {}
    for key, field in BATCH_KINDS:
        for p in projects:
            when = getattr(p, field)
            if when and when.year == year:
                months.setdefault(when.month, {k: [] for k, _f in BATCH_KINDS})[key].append((when, p))
    events = []
    for month in sorted(months):
        batches = []
        for key, _field in BATCH_KINDS:
            rows = sorted(months[month][key], key=lambda r: (r[0], r[1].name))
            items = [p for _when, p in rows]
            batches.append({"key": key, "label": labels[key], "rows": rows, "count": len(items),
                            "amount": money(items)})
        dates = sorted({when for key in months[month] for when, _p in months[month][key]})
        events.append({"month": month, "dates": dates, "batches": batches,
                       "count": sum(b["count"] for b in batches)})
    totals = []
    for key, _field in BATCH_KINDS:
        items = [p for e in events for b in e["batches"] if b["key"] == key for _w, p in b["rows"]]
        totals.append({"key": key, "label": labels[key], "count": len(items), "amount": money(items)})
    return {"events": events, "totals": totals}


# --- the ledger's list, as the page and the export filter it ----------------------------------------

def of_year(projects, year: int):
    """The projects that belong to a year: their lead, signing, start or production date falls in it (the
    API's list, the ledger page and its export all filter by this one rule)."""
    return projects.filter(Q(lead_date__year=year) | Q(signed_date__year=year) | Q(start_date__year=year)
                           | Q(production_date__year=year))


def clean_filters(params) -> dict:
    """The ledger's filters from a query (unknown or malformed values are ignored): state, chain, method
    and year (a year left out or empty: all years)."""
    from luoshi.investment.models import InvestmentState, Method

    filters = {}
    if params.get("state") in InvestmentState.values:
        filters["state"] = params["state"]
    if params.get("method") in Method.values:
        filters["method"] = params["method"]
    if filter_id(params.get("chain")) is not None:
        filters["chain"] = filter_id(params.get("chain"))
    if filter_year(params.get("year")) is not None:
        filters["year"] = filter_year(params.get("year"))
    return filters


def ledger_projects(user, organisation, filters: dict):
    """The district's projects the user may see, newest lead first, filtered as the ledger page shows them
    (state, method, chain and year, see `clean_filters`)."""
    from luoshi.investment.models import InvestmentProject

    projects = InvestmentProject.objects.for_user(user).filter(organisation=organisation).select_related(
        "chain_link__chain", "responsible_unit")
    if "state" in filters:
        projects = projects.filter(state=filters["state"])
    if "method" in filters:
        projects = projects.filter(method=filters["method"])
    if "chain" in filters:
        projects = projects.filter(chain_link__chain_id=filters["chain"])
    if "year" in filters:
        projects = of_year(projects, filters["year"])
    return projects.order_by("-lead_date", "-id")


def filter_choices(user, organisation) -> dict:
    from luoshi.investment.models import InvestmentState, Method

    return {"states": InvestmentState.choices, "methods": Method.choices,
            "chains": list(IndustryChain.objects.for_user(user).filter(organisation=organisation)
                           .values_list("pk", "name"))}


def signed_by(organisation, as_of):
    """The organisation's projects signed on or before `as_of` (for other apps' scores)."""
    from luoshi.investment.models import InvestmentProject

    return InvestmentProject.objects.filter(organisation=organisation, signed_date__lte=as_of)


def targets_of(organisation):
    from luoshi.investment.models import InvestmentTarget

    return InvestmentTarget.objects.filter(organisation=organisation)


def project_steps(project):
    """The project's steps as people read them: what was done (登记线索, 进入洽谈, 签约 …), the state it led
    to and who did it, by name and post (core.workflow.StepRow), oldest first."""
    from django.utils.translation import gettext_lazy

    from luoshi.core.workflow import step_rows
    from luoshi.investment.services import MACHINE

    labels = {"lead": gettext_lazy("登记线索"), **MACHINE.action_labels}
    return step_rows(project.steps.order_by("id"), MACHINE.state_labels, lambda a: labels.get(a, a))


# The facts of a record its history shows (the state moves are in the 流程记录 beside it, and here too).
AUDITED = ["name", "investor", "amount", "year_plan", "sector", "chain_link", "method", "responsible_unit", "leader",
           "state", "lead_date", "signed_date", "start_date", "production_date", "pipeline_project", "source"]


def project_audit(project, limit: int = 200):
    """Every saved version of an investment record as the shared audit shows it (core/_audit.html): who, when,
    the 操作 (新建, 修改), each field from what to what, and why."""
    from luoshi.core import audit
    from luoshi.investment.models import InvestmentProject

    return audit.newest_first(audit.entries(InvestmentProject, InvestmentProject.history.filter(id=project.pk),
                                            AUDITED, "project", lambda rec: _("招商项目")), limit)
